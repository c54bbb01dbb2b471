import { formatJson, formatText, summary } from '../../specs/diagnostics';
import { validateSpecDir } from '../../specs/validate';
import { oneOf, parse } from '../args';
import type { Io } from '../io';

export const USAGE = 'prospect validate [DIR] [--env NAME] [--format text|json]';

/** Exit 0 clean (warnings allowed), 1 errors found. */
export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { env: { type: 'string' }, format: { type: 'string' } }, 1, USAGE);
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const dir = positionals[0] ?? '.';
  const r = validateSpecDir(dir, { env: values.env as string | undefined });
  if (format === 'json') io.out(formatJson(r.diagnostics));
  else {
    if (r.diagnostics.length) io.out(formatText(r.diagnostics));
    io.out(`${r.ok ? 'ok' : 'failed'}: ${summary(r.diagnostics, r.documents)} (${r.files} file${r.files === 1 ? '' : 's'})`);
  }
  return r.ok ? 0 : 1;
}
