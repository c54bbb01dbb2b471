// Five-field cron expressions (minute hour day-of-month month day-of-week, UTC), as specs write
// them, checked field by field and converted to EventBridge's six-field form.

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

/**
 * EventBridge form `cron(min hour dom month dow year)`: one of day-of-month and day-of-week
 * must be `?`, day-of-week counts 1-7 from Sunday. Call only on a valid expression.
 */
export function toEventBridgeCron(expr: string): string {
  const [min, hour, dom, month, dowRaw] = expr.trim().split(/\s+/);
  const dow = dowRaw === '*' ? '*' : dowRaw.replace(/[0-9]+/g, (d) => String((Number(d) % 7) + 1));
  let d = dom;
  let w = dow;
  if (dom === '*' && dow === '*') w = '?';
  else if (dom === '*') d = '?';
  else if (dow === '*') w = '?';
  else {
    // cron's "either day matches" has no EventBridge equivalent; day-of-month wins, documented.
    w = '?';
  }
  return `cron(${min} ${hour} ${d} ${month} ${w} *)`;
}
