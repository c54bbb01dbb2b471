// Which audiences are due at a run time: those whose cron `schedule` (5 fields, UTC) fires in
// that minute, as the deployed EventBridge schedule would (specs/cron.ts, which also refuses
// expressions restricting both day-of-month and day-of-week).

import { checkCron } from '../../specs/cron';
import type { RuntimeManifest } from '../manifest';

const RANGES = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], base: 1 },
  { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], base: 0 },
] as const;

function fieldMatches(text: string, value: number, i: number): boolean {
  const r = RANGES[i];
  const num = (t: string): number => {
    if (/^[0-9]+$/.test(t)) return Number(t);
    const names = 'names' in r ? (r.names as readonly string[]) : [];
    return names.indexOf(t.toUpperCase()) + ('base' in r ? r.base : 0);
  };
  return text.split(',').some((item) => {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo: number = r.min;
    let hi: number = r.max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = num(a);
      hi = b === undefined ? (stepText === undefined ? lo : r.max) : num(b);
    }
    // Day-of-week 7 is Sunday, as 0.
    const values = i === 4 && value === 0 ? [0, 7] : [value];
    return values.some((v) => v >= lo && v <= hi && (v - lo) % step === 0);
  });
}

/** True when the 5-field cron expression fires in the UTC minute of `time`. */
export function cronFiresAt(expr: string, time: Date): boolean {
  const problem = checkCron(expr);
  if (problem) throw new RangeError(problem.message);
  const [min, hour, dom, month, dow] = expr.trim().split(/\s+/);
  if (!fieldMatches(min, time.getUTCMinutes(), 0) || !fieldMatches(hour, time.getUTCHours(), 1) || !fieldMatches(month, time.getUTCMonth() + 1, 3)) return false;
  if (dom !== '*') return fieldMatches(dom, time.getUTCDate(), 2);
  return dow === '*' || fieldMatches(dow, time.getUTCDay(), 4);
}

/** Names of the audiences due at `time`, sorted. */
export function dueAudiences(manifest: RuntimeManifest, time: Date): string[] {
  return Object.entries(manifest.audiences)
    .filter(([, a]) => cronFiresAt(a.schedule, time))
    .map(([name]) => name)
    .sort();
}
