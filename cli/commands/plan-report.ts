import { REPORT_FORMATS, ReportFormat, runPlanReport } from '../../review/cli-plan-report';
import { UsageError } from '../../specs/validate';
import { oneOf, parse } from '../args';
import type { Io } from '../io';

export const USAGE = 'prospect plan-report PLAN.json [--format markdown|json|text]';

/** Renders `terraform show -json` output; exit 1 for a file that is not a plan. */
export async function planReportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string' } }, 1, USAGE);
  const format = oneOf<ReportFormat>(values.format, REPORT_FORMATS, '--format', 'markdown');
  if (!positionals[0]) throw new UsageError(`PLAN.json is required\nusage: ${USAGE}`);
  const r = runPlanReport({ file: positionals[0], format });
  if (r.exitCode === 0) io.out(r.output);
  else io.err(`prospect: ${r.output.trim()}`);
  return r.exitCode;
}
