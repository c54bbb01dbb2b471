import { previewEnvironmentAudience } from '../../runtime/run-local-audiences';
import { UsageError } from '../../specs/validate';
import { oneOf, parse } from '../args';
import type { Io } from '../io';
import { loadEnvironment } from './local-environment';

export const USAGE = 'prospect audience preview NAME [DIR] --env NAME [--sample N] [--format text|json]';

/** One audience over the current profiles: its size and its first members. */
export async function audiencePreviewCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { env: { type: 'string' }, format: { type: 'string' }, sample: { type: 'string' } }, 2, USAGE);
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const [audience, dir = '.'] = positionals;
  if (!audience) throw new UsageError(`NAME is required\nusage: ${USAGE}`);
  const sampleSize = values.sample === undefined ? 10 : Number(values.sample);
  if (!Number.isInteger(sampleSize) || sampleSize < 0) throw new UsageError(`--sample must be a whole number, got "${String(values.sample)}"`);
  const { manifest } = loadEnvironment(dir, values.env as string | undefined, io);
  const p = await previewEnvironmentAudience({ manifest, specDir: dir, audience, sampleSize });
  if (format === 'json') {
    io.out(JSON.stringify(p, null, 2));
    return 0;
  }
  const lines = [`${p.audience} (dataset ${p.dataset}): ${p.size} of ${p.profiles} profiles`, `rule: ${p.rule}`];
  if (p.sample.length) {
    const widths = p.columns.map((c) => Math.max(c.length, ...p.sample.map((r) => (r[c] ?? '').length)));
    const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    lines.push('', row([...p.columns]), row(widths.map((w) => '-'.repeat(w))));
    for (const r of p.sample) lines.push(row(p.columns.map((c) => r[c] ?? '')));
    if (p.size > p.sample.length) lines.push(`... and ${p.size - p.sample.length} more`);
  }
  io.out(lines.join('\n'));
  return 0;
}
