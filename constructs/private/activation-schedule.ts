// An Activation's `schedule` as an EventBridge Scheduler expression and time window:
// once -> at(startDate), daily -> rate(1 day), every-Nh -> rate(N hours). Dates are UTC days:
// the window opens at 00:00 on startDate and closes at the end of endDate (inclusive).

import type { ActivationSpec } from '../../specs/model';

export interface ScheduleWindow {
  /** `at(...)` or `rate(...)`. */
  readonly expression: string;
  /** RFC 3339, UTC. @default - active from creation */
  readonly startDate?: string;
  /** RFC 3339, UTC. @default - never ends */
  readonly endDate?: string;
}

const RATES: Readonly<Record<string, string>> = {
  daily: 'rate(1 day)',
  'every-3h': 'rate(3 hours)',
  'every-6h': 'rate(6 hours)',
  'every-8h': 'rate(8 hours)',
  'every-12h': 'rate(12 hours)',
};

export function activationScheduleWindow(schedule: ActivationSpec['schedule'], where: string): ScheduleWindow {
  const start = schedule.startDate === undefined ? undefined : parseDay(schedule.startDate, `${where} startDate`);
  const end = schedule.endDate === undefined ? undefined : parseDay(schedule.endDate, `${where} endDate`);
  if (start !== undefined && end !== undefined && end < start) {
    throw new Error(`${where}: endDate ${schedule.endDate} is before startDate ${schedule.startDate}`);
  }
  if (schedule.frequency === 'once') {
    if (start === undefined) throw new Error(`${where}: frequency "once" needs a startDate (the UTC day of the single export)`);
    return { expression: `at(${iso(start).slice(0, 19)})` };
  }
  const expression = RATES[schedule.frequency];
  if (expression === undefined) {
    throw new Error(`${where}: unknown frequency "${schedule.frequency}"; use once, daily, ${Object.keys(RATES).slice(1).join(', ')}`);
  }
  const endExclusive = end === undefined ? undefined : new Date(end.getTime() + 24 * 3600 * 1000);
  return { expression, startDate: start && iso(start), endDate: endExclusive && iso(endExclusive) };
}

function parseDay(text: string, where: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new Error(`${where} "${text}" is not a date; write YYYY-MM-DD (UTC), e.g. 2026-01-31`);
  }
  return d;
}

function iso(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
