import { REPORT_FORMATS, ReportFormat } from '../../review/cli-plan-report';
import { runDiff } from '../../review/diff/diff-command';
import { synthesizeEnvironment } from '../../review/diff/synthesize';
import { oneOf, parse, required } from '../args';
import type { Io } from '../io';

export const USAGE = 'prospect diff [DIR] --base GITREF [--head GITREF] [--env NAME] [--format markdown|json|text]';

/** What a change does, offline: exit 0 report printed, 1 a side invalid or not synthesizable, 2 bad usage. */
export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { base: { type: 'string' }, head: { type: 'string' }, env: { type: 'string' }, format: { type: 'string' } },
    1,
    USAGE,
  );
  const format = oneOf<ReportFormat>(values.format, REPORT_FORMATS, '--format', 'markdown');
  const base = required(values.base, '--base', USAGE);
  const r = await runDiff({
    dir: positionals[0] ?? '.',
    base,
    head: values.head as string | undefined,
    env: values.env as string | undefined,
    format,
    synthesize: synthesizeEnvironment,
  });
  if (r.output) io.out(r.output);
  if (r.errors) io.err(r.errors);
  return r.exitCode;
}
