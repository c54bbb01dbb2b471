// Spec schedules are 5-field cron expressions in UTC (minute hour day-of-month month
// day-of-week). EventBridge and EventBridge Scheduler want `cron(min hour dom month dow year)`,
// where exactly one of day-of-month and day-of-week is `?` and days of the week count 1-7 from
// Sunday. This converts one to the other, or says precisely what is wrong.

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MINUTE: FieldRule = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldRule = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldRule = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldRule = { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] };
/** 0 and 7 are both Sunday, as in standard cron. */
const DAY_OF_WEEK: FieldRule = { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };

export class CronError extends Error {
  override readonly name = 'CronError';
}

/**
 * `0 6 * * 1-5` -> `cron(0 6 ? * 2-6 *)`. Throws a CronError naming `where` (e.g. `Audience
 * "golfers" schedule`) when the expression is not a valid 5-field cron, or restricts both
 * day-of-month and day-of-week (cron runs when either matches; EventBridge cannot say that).
 */
export function toEventBridgeCron(expression: string, where = 'schedule'): string {
  const parts = expression.trim().split(/\s+/);
  const fail = (why: string): never => {
    throw new CronError(`${where} "${expression}": ${why}`);
  };
  if (parts.length !== 5 || parts[0] === '') {
    fail(`has ${parts[0] === '' ? 0 : parts.length} fields; write five (minute hour day-of-month month day-of-week, UTC), e.g. "0 6 * * *"`);
  }
  const [minute, hour, dom, month, dow] = parts;
  const rules = [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK];
  const sets = parts.map((p, i) => expand(p, rules[i], fail));
  const domRestricted = dom !== '*';
  const dowRestricted = dow !== '*';
  if (domRestricted && dowRestricted) {
    fail('restricts both day-of-month and day-of-week, which cron runs when either matches and EventBridge cannot express; restrict only one of them');
  }
  const dowField = dowRestricted ? eventBridgeDaysOfWeek(sets[4]) : '?';
  const domField = dowRestricted ? '?' : eventBridgeField(dom, DAY_OF_MONTH);
  return `cron(${eventBridgeField(minute, MINUTE)} ${eventBridgeField(hour, HOUR)} ${domField} ${eventBridgeField(month, MONTH)} ${dowField} *)`;
}

/** The values a field matches; calls `fail` with the reason when it is invalid. */
function expand(text: string, rule: FieldRule, fail: (why: string) => never): Set<number> {
  const out = new Set<number>();
  const allowed = `allowed: ${rule.min}-${rule.max}${rule.names ? ` or ${rule.names[0]}-${rule.names[rule.names.length - 1]}` : ''}, *, lists (a,b), ranges (a-b) and steps (*/n, a-b/n)`;
  const bad = (why: string) => fail(`${rule.name} "${text}" ${why} (${allowed})`);
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) bad('has more than one "/"');
    if (stepText !== undefined && !/^[1-9][0-9]*$/.test(stepText)) bad(`has an invalid step "${stepText}"`);
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number;
    let to: number;
    if (range === '*') {
      from = rule.min;
      to = rule.max;
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.some((b) => b === '')) bad('is not a valid value or range');
      const values = bounds.map((b) => valueOf(b, rule));
      for (const v of values) {
        if (v === undefined) bad(`is not a number${rule.names ? ' or name' : ''}`);
        else if (v < rule.min || v > rule.max) bad('is out of range');
      }
      from = values[0] as number;
      to = values.length === 2 ? (values[1] as number) : stepText !== undefined ? rule.max : from;
      if (from > to) bad('is a range that runs backwards');
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function valueOf(text: string, rule: FieldRule): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const i = rule.names?.indexOf(text.toUpperCase()) ?? -1;
  if (i < 0) return undefined;
  return rule === MONTH ? i + 1 : i;
}

/** Minute, hour, day-of-month, month: EventBridge reads these like cron, except `*\/n` is written `first/n`. */
function eventBridgeField(text: string, rule: FieldRule): string {
  return text
    .split(',')
    .map((item) => (item.startsWith('*/') ? `${rule.min}${item.slice(1)}` : item.toUpperCase()))
    .join(',');
}

/** Days of week as EventBridge numbers (1 = Sunday ... 7 = Saturday), consecutive days as ranges. */
function eventBridgeDaysOfWeek(days: Set<number>): string {
  const eb = [...new Set([...days].map((d) => (d % 7) + 1))].sort((a, b) => a - b);
  if (eb.length === 7) return '*';
  const parts: string[] = [];
  for (let i = 0; i < eb.length; ) {
    let j = i;
    while (j + 1 < eb.length && eb[j + 1] === eb[j] + 1) j++;
    parts.push(j > i ? `${eb[i]}-${eb[j]}` : String(eb[i]));
    i = j + 1;
  }
  return parts.join(',');
}
