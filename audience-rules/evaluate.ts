// Reference evaluator: the meaning of a rule on one profile, exactly as SPEC-FORMAT.md defines it.
// It is the oracle the compiled SQL is tested against, so it favours plainness over speed.

import { Literal, PredicateNode, RuleNode } from './ast';
import { compareCodePoints, compareNumeric } from './order';
import { dateObjectToDay, dateObjectToUtc, isValidDate, normalizeDateTime } from './temporal';

/**
 * A profile: field path (dotted, e.g. `homeAddress.state`) to value. Strings, numbers (or bigints),
 * booleans; dates as `YYYY-MM-DD` or Date; datetimes as ISO 8601 text (no zone means UTC) or Date.
 * Absent, null or undefined means missing.
 */
export type Profile = Readonly<Record<string, unknown>>;

/**
 * True when the profile is in the audience. Two-valued: a predicate on a missing value is false,
 * and `not` negates that. A value whose type does not fit the literal (e.g. text where a number is
 * compared) is treated as missing.
 */
export function evaluate(rule: RuleNode, profile: Profile): boolean {
  switch (rule.kind) {
    case 'and':
      return rule.operands.every((r) => evaluate(r, profile));
    case 'or':
      return rule.operands.some((r) => evaluate(r, profile));
    case 'not':
      return !evaluate(rule.operand, profile);
    case 'group':
      return evaluate(rule.inner, profile);
    default:
      return predicate(rule, profile);
  }
}

function valueAt(profile: Profile, path: string): unknown {
  return Object.prototype.hasOwnProperty.call(profile, path) ? profile[path] : undefined;
}

function predicate(p: PredicateNode, profile: Profile): boolean {
  const value = valueAt(profile, p.field.path);
  if (p.kind === 'exists') {
    const present = value !== undefined && value !== null && value !== '';
    return p.negated ? !present : present;
  }
  if (value === undefined || value === null) return false;
  switch (p.kind) {
    case 'compare': {
      const c = compare(value, p.value);
      if (c === undefined) return false;
      switch (p.op) {
        case '=':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
      }
      break;
    }
    case 'in': {
      const cs = p.values.map((v) => compare(value, v));
      if (cs.some((c) => c === undefined)) return false;
      const member = cs.includes(0);
      return p.negated ? !member : member;
    }
    case 'between': {
      const lo = compare(value, p.low);
      const hi = compare(value, p.high);
      return lo !== undefined && hi !== undefined && lo >= 0 && hi <= 0;
    }
    case 'match': {
      if (typeof value !== 'string' || p.value.kind !== 'string') return false;
      const needle = p.value.value;
      if (p.op === 'contains') return value.includes(needle);
      return p.op === 'startsWith' ? value.startsWith(needle) : value.endsWith(needle);
    }
  }
  return false;
}

/** Sign of `value - literal`, or undefined when the value cannot be read as the literal's type. */
function compare(value: unknown, literal: Literal): number | undefined {
  switch (literal.kind) {
    case 'string':
      return typeof value === 'string' ? compareCodePoints(value, literal.value) : undefined;
    case 'number':
      if (typeof value === 'bigint') return compareNumeric(value, literal.value);
      return typeof value === 'number' && !Number.isNaN(value) ? compareNumeric(value, literal.value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? Number(value) - Number(literal.value) : undefined;
    case 'date': {
      const day = value instanceof Date ? dateObjectToDay(value) : typeof value === 'string' && isValidDate(value) ? value : undefined;
      return day === undefined ? undefined : compareCodePoints(day, literal.value);
    }
    case 'datetime': {
      const utc = value instanceof Date ? dateObjectToUtc(value) : typeof value === 'string' ? normalizeDateTime(value, 9) : undefined;
      return utc === undefined ? undefined : compareCodePoints(utc, literal.utc);
    }
  }
}
