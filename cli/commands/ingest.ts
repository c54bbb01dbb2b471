import type { BatchManifest } from '../../runtime/ingest/batch-manifest';
import { ingestFile } from '../../runtime/run-local';
import { UsageError } from '../../specs/validate';
import { oneOf, parse } from '../args';
import type { Io } from '../io';
import { loadEnvironment } from './local-environment';

export const USAGE = 'prospect ingest FILE --source NAME [DIR] [--env NAME] [--dry-run] [--format text|json]';

/** Prints the batch manifest; exit 0 when the file is (or already was) published, 1 otherwise. */
export async function ingestCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { source: { type: 'string' }, env: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string' } }, 2, USAGE);
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const [file, dir = '.'] = positionals;
  if (!file) throw new UsageError(`FILE is required\nusage: ${USAGE}`);
  if (typeof values.source !== 'string') throw new UsageError(`--source is required\nusage: ${USAGE}`);
  const { manifest } = loadEnvironment(dir, values.env as string | undefined, io);
  const r = await ingestFile({ file, source: values.source, manifest, specDir: dir, dryRun: values['dry-run'] === true });
  const m = r.manifest;
  if (format === 'json') io.out(JSON.stringify({ outcome: r.outcome, manifest: m }, null, 2));
  else io.out(describeBatch(m, r.outcome));
  return m.status === 'published' ? 0 : 1;
}

export function describeBatch(m: BatchManifest, outcome: 'ingested' | 'already-ingested'): string {
  const lines = [
    `${m.dryRun ? 'dry run: ' : ''}${m.source} -> ${m.dataset}: ${outcome === 'already-ingested' ? `already ingested as batch ${m.batchId} (nothing done)` : `${m.status}${m.reason ? `: ${m.reason}` : ''}`}`,
    `  rows read ${m.rowsRead} = accepted ${m.accepted} + rejected ${m.rejected} (${m.rejectedPercent}% rejected, threshold ${m.errorThreshold}%)`,
  ];
  const reasons = Object.entries(m.reasons);
  if (reasons.length) {
    lines.push('  rejected because:');
    for (const [reason, n] of reasons) lines.push(`    ${String(n).padStart(7)}  ${reason}`);
  }
  if (!m.dryRun && m.outputs.data) lines.push(`  data: ${m.outputs.data.bucket}/${m.outputs.data.key}`);
  if (!m.dryRun && m.outputs.rejected) lines.push(`  rejected rows: ${m.outputs.rejected.bucket}/${m.outputs.rejected.key}`);
  lines.push(`  batch ${m.batchId}, schema version ${m.schemaVersion}`);
  return lines.join('\n');
}
