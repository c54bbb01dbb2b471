import { formatRule } from '../../audience-rules/format';
import { parseRule } from '../../audience-rules/parser';

const table: [string, string][] = [
  ['age=30', 'age = 30'],
  ['name = "say \\"hi\\" \\\\"', 'name = "say \\"hi\\" \\\\"'],
  ['a = 1 or b = 2 and c = 3', 'a = 1 or b = 2 and c = 3'],
  ['(a = 1 or b = 2) and c = 3', '(a = 1 or b = 2) and c = 3'],
  ['not (a = 1 and b = 2)', 'not (a = 1 and b = 2)'],
  ['not  not a = 1', 'not not a = 1'],
  ['a not in [1,2] and b not exists', 'a not in [1, 2] and b not exists'],
  ['d between date("2000-01-01") and date("2000-12-31")', 'd between date("2000-01-01") and date("2000-12-31")'],
  ['t > datetime("2026-01-31T10:00:00+02:00")', 't > datetime("2026-01-31T10:00:00+02:00")'],
  ['x = -007.50', 'x = -7.50'],
];

describe('formatRule', () => {
  test.each(table)('%j -> %j', (text, expected) => {
    const r = parseRule(text);
    if (!r.ok) throw new Error(r.error.message);
    expect(formatRule(r.rule)).toBe(expected);
  });
});
