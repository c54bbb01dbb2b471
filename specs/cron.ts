// Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), as specs write
// them: checked field by field (the validator) and converted to EventBridge's six-field form (the stacks).

export interface CronProblem {
  readonly message: string;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

/** Returns undefined when the expression is valid, else what is wrong. */
export function checkCron(expr: string): CronProblem | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) {
    return { message: `schedule "${expr}" has ${parts.length} field${parts.length === 1 ? '' : 's'}: use five (minute hour day-of-month month day-of-week, UTC), e.g. "0 6 * * *"` };
  }
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i];
    const problem = checkField(parts[i], f.min, f.max, 'names' in f ? f.names : undefined);
    if (problem) return { message: `schedule "${expr}": ${f.name} "${parts[i]}" ${problem} (allowed ${f.min}-${f.max}${'names' in f ? ` or ${f.names[0]}-${f.names[f.names.length - 1]}` : ''}, *, lists, ranges and steps)` };
  }
  if (parts[2] !== '*' && parts[4] !== '*') {
    return { message: `schedule "${expr}" restricts both day-of-month and day-of-week, which cron runs when either matches and EventBridge cannot express: restrict only one of them` };
  }
  return undefined;
}

function checkField(text: string, min: number, max: number, names?: readonly string[]): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return 'has more than one "/"';
    if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `has an invalid step "${step}"`;
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return 'is not a valid range';
    const values: number[] = [];
    for (const b of bounds) {
      const v = valueOf(b, names);
      if (v === undefined) return `is not a number${names ? ' or name' : ''}`;
      if (v < min || v > max) return `is out of range`;
      values.push(v);
    }
    if (values.length === 2 && values[0] > values[1]) return 'is a range that runs backwards';
  }
  return undefined;
}

function valueOf(text: string, names?: readonly string[]): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const i = names?.indexOf(text.toUpperCase()) ?? -1;
  return i >= 0 ? i + (names && names[0] === 'JAN' ? 1 : 0) : undefined;
}

export class CronError extends Error {
  override readonly name = 'CronError';
}

/**
 * `0 6 * * 1-5` -> `cron(0 6 ? * 2-6 *)`: EventBridge's six-field form, where one of day-of-month
 * and day-of-week is `?` and days of the week count 1-7 from Sunday. Throws a CronError naming
 * `where` (e.g. `Audience "golfers"`) for an expression checkCron rejects.
 */
export function toEventBridgeCron(expression: string, where?: string): string {
  const problem = checkCron(expression);
  if (problem) throw new CronError(where ? `${where}${problem.message.replace(/^schedule/, "")}` : problem.message);
  const [minute, hour, dom, month, dow] = expression.trim().split(/\s+/);
  const dowField = dow !== '*' ? eventBridgeDaysOfWeek(expand(dow, FIELDS[4])) : '?';
  const domField = dow !== '*' ? '?' : eventBridgeField(dom, FIELDS[2]);
  return `cron(${eventBridgeField(minute, FIELDS[0])} ${eventBridgeField(hour, FIELDS[1])} ${domField} ${eventBridgeField(month, FIELDS[3])} ${dowField} *)`;
}

type Field = (typeof FIELDS)[number];

/** The values a (valid) field matches. */
function expand(text: string, f: Field): Set<number> {
  const out = new Set<number>();
  const names = 'names' in f ? f.names : undefined;
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from: number = f.min;
    let to: number = f.max;
    if (range !== '*') {
      const bounds = range.split('-').map((b) => valueOf(b, names) as number);
      from = bounds[0];
      to = bounds.length === 2 ? bounds[1] : stepText !== undefined ? f.max : from;
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Minute, hour, day-of-month, month: EventBridge reads these like cron, except `*\/n` is written `first/n`. */
function eventBridgeField(text: string, f: Field): string {
  return text
    .split(',')
    .map((item) => (item.startsWith('*/') ? `${f.min}${item.slice(1)}` : item.toUpperCase()))
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
