import { evaluate, Profile } from '../../audience-rules/evaluate';
import { parseRule } from '../../audience-rules/parser';

function rule(text: string) {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.rule;
}

const A: Profile = { incomeBand: 'A' };
const B: Profile = { incomeBand: 'B' };
const NONE: Profile = {};
const NULL: Profile = { incomeBand: null };
const EMPTY: Profile = { incomeBand: '' };

// [rule, profile, expected]
const table: [string, Profile, boolean][] = [
  // Missing (absent or null) makes every comparison false; `not` negates that.
  ['incomeBand = "A"', A, true],
  ['incomeBand = "A"', B, false],
  ['incomeBand = "A"', NONE, false],
  ['incomeBand = "A"', NULL, false],
  ['not incomeBand = "A"', NONE, true],
  ['not incomeBand = "A"', NULL, true],
  ['not incomeBand = "A"', A, false],
  ['incomeBand != "A"', B, true],
  ['incomeBand != "A"', NONE, false],
  ['incomeBand != "A"', NULL, false],
  ['incomeBand not in ["A"]', B, true],
  ['incomeBand not in ["A"]', NONE, false],
  ['incomeBand in ["A", "B"]', B, true],
  ['incomeBand in ["A", "B"]', NULL, false],
  ['incomeBand < "B"', NONE, false],
  ['not incomeBand < "B"', NONE, true],
  // exists: present and, for strings, non-empty.
  ['incomeBand exists', A, true],
  ['incomeBand exists', EMPTY, false],
  ['incomeBand exists', NULL, false],
  ['incomeBand exists', NONE, false],
  ['incomeBand not exists', EMPTY, true],
  ['incomeBand not exists', NONE, true],
  ['incomeBand not exists', A, false],
  ['age exists', { age: 0 }, true],
  ['homeowner exists', { homeowner: false }, true],
  // Empty strings are values for comparisons (only `exists` treats them as missing).
  ['incomeBand = ""', EMPTY, true],
  ['incomeBand != "A"', EMPTY, true],
  // Strings: exact and case-sensitive; substring tests.
  ['name = "Ann"', { name: 'ann' }, false],
  ['name = "Ann"', { name: 'Ann ' }, false],
  ['name contains "nn"', { name: 'Ann' }, true],
  ['name contains "NN"', { name: 'Ann' }, false],
  ['name contains ""', { name: '' }, true],
  ['name contains ""', NONE, false],
  ['name startsWith "An"', { name: 'Ann' }, true],
  ['name startsWith "an"', { name: 'Ann' }, false],
  ['name endsWith "nn"', { name: 'Ann' }, true],
  ['name endsWith "Ann!"', { name: 'Ann' }, false],
  ['name contains "x"', { name: 5 }, false],
  // String order is by code point, as in the SQL engines: "Z" < "a" < "é" < "😀".
  ['name < "a"', { name: 'Z' }, true],
  ['name > "z"', { name: 'é' }, true],
  ['name > "\uffff"', { name: '😀' }, true],
  // Numbers: integer and number mix; bigint values (DuckDB BIGINT) compare exactly.
  ['age between 30 and 55', { age: 30 }, true],
  ['age between 30 and 55', { age: 55 }, true],
  ['age between 30 and 55', { age: 29 }, false],
  ['age between 30 and 55', { age: 56 }, false],
  ['age between 55 and 30', { age: 40 }, false],
  ['age > 29.5', { age: 30 }, true],
  ['age = 30', { age: 30n }, true],
  ['age < 30.5', { age: 30n }, true],
  ['age = 9007199254740991', { age: 9007199254740992n }, false],
  ['age = 30', { age: '30' }, false],
  ['age = 30', { age: Number.NaN }, false],
  ['netWorth >= -0.5', { netWorth: -0.5 }, true],
  ['netWorth = 0.3', { netWorth: 0.1 + 0.2 }, false],
  // Booleans.
  ['homeowner = true', { homeowner: true }, true],
  ['homeowner = true', { homeowner: false }, false],
  ['homeowner != true', { homeowner: false }, true],
  ['homeowner = true', { homeowner: 'true' }, false],
  ['not homeowner = true', { homeowner: null }, true],
  // Dates: 'YYYY-MM-DD' strings or Date objects (their UTC day); invalid text counts as missing.
  ['birthDate < date("2000-01-01")', { birthDate: '1999-12-31' }, true],
  ['birthDate < date("2000-01-01")', { birthDate: '2000-01-01' }, false],
  ['birthDate = date("2000-01-01")', { birthDate: new Date(Date.UTC(2000, 0, 1, 23, 59)) }, true],
  ['birthDate between date("2000-01-01") and date("2000-12-31")', { birthDate: '2000-12-31' }, true],
  ['birthDate < date("2000-01-01")', { birthDate: 'not a date' }, false],
  ['birthDate < date("2000-01-01")', { birthDate: '1999-02-30' }, false],
  ['birthDate < date("0100-01-01")', { birthDate: '0099-12-31' }, true],
  // Datetimes: compared as instants; no zone means UTC.
  ['seen = datetime("2026-01-31T10:00:00Z")', { seen: '2026-01-31T12:00:00+02:00' }, true],
  ['seen = datetime("2026-01-31T10:00:00Z")', { seen: '2026-01-31T10:00:00' }, true],
  ['seen = datetime("2026-01-31T10:00:00")', { seen: new Date(Date.UTC(2026, 0, 31, 10)) }, true],
  ['seen > datetime("2026-01-31T10:00:00Z")', { seen: '2026-01-31T10:00:00.000001Z' }, true],
  ['seen > datetime("2026-01-31T10:00:00.000001Z")', { seen: '2026-01-31T10:00:00.000001999Z' }, false],
  ['seen < datetime("2026-01-01T00:00:00+01:00")', { seen: '2025-12-31T23:30:00Z' }, false],
  ['seen < datetime("2026-01-01T00:00:00+01:00")', { seen: '2025-12-31T22:59:59.999Z' }, true],
  ['seen < datetime("2026-01-01T00:00:00Z")', { seen: 'yesterday' }, false],
  // Logic.
  ['a = 1 and b = 2', { a: 1, b: 2 }, true],
  ['a = 1 and b = 2', { a: 1 }, false],
  ['a = 1 or b = 2', { b: 2 }, true],
  ['not (a = 1 or b = 2)', {}, true],
  ['not a = 1 or b = 2', { a: 1, b: 2 }, true],
  ['not a = 1 or b = 2', { a: 1, b: 3 }, false],
  // Dotted paths are flat keys; inherited properties are not values.
  ['homeAddress.state = "CA"', { 'homeAddress.state': 'CA' }, true],
  ['homeAddress.state = "CA"', { homeAddress: { state: 'CA' } }, false],
  ['constructor exists', {}, false],
  ['toString exists', {}, false],
];

describe('evaluate', () => {
  test.each(table)('%j on %p is %p', (text, profile, expected) => {
    expect(evaluate(rule(text), profile)).toBe(expected);
  });
});
