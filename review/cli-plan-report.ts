// `prospect plan-report PLAN.json [--format markdown|json|text]`: the command's core, without
// argv parsing or printing, so the CLI stays a thin shell over it.

import * as fs from 'fs';
import { parsePlan } from './plan';
import { PlanFormatError } from './plan-format-error';
import { renderJson, renderMarkdown, renderText } from './render';

export type ReportFormat = 'markdown' | 'json' | 'text';
export const REPORT_FORMATS: readonly ReportFormat[] = ['markdown', 'json', 'text'];

export interface PlanReportArgs {
  /** Path of the JSON plan (`terraform show -json PLANFILE > plan.json`). */
  readonly file: string;
  readonly format: ReportFormat;
}

export interface PlanReportResult {
  /** The report (exit 0), or one line saying what is wrong (exit 1 or 2): print it as it is. */
  readonly output: string;
  /** 0 report rendered; 1 the file is not a terraform plan; 2 bad usage (no such file, unknown format). */
  readonly exitCode: number;
}

export function runPlanReport(args: PlanReportArgs): PlanReportResult {
  if (!REPORT_FORMATS.includes(args.format)) {
    return usage(`unknown --format ${JSON.stringify(args.format)}; use markdown, json or text`);
  }
  let text: string;
  try {
    text = fs.readFileSync(args.file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return usage(`${args.file}: no such file; pass the output of terraform show -json PLANFILE`);
    if (code === 'EISDIR') return usage(`${args.file}: is a folder; pass the JSON plan file`);
    return usage(`${args.file}: cannot read (${code ?? (e as Error).message})`);
  }
  try {
    const report = parsePlan(text, args.file);
    const output = args.format === 'json' ? renderJson(report) : args.format === 'text' ? renderText(report) : renderMarkdown(report);
    return { output, exitCode: 0 };
  } catch (e) {
    if (e instanceof PlanFormatError) return { output: e.toString() + '\n', exitCode: 1 };
    throw e;
  }
}

function usage(message: string): PlanReportResult {
  return { output: `plan-report: ${message}\n`, exitCode: 2 };
}
