// parseRule must never throw, whatever it is given: random characters, and valid rules with random
// edits. Every failure must be a well-formed problem inside the text.

import fc from 'fast-check';
import { checkRule } from '../../audience-rules/type-check';
import { parseRule } from '../../audience-rules/parser';
import { RULE_CODES } from '../../audience-rules/problem';
import { fields } from './fixtures';

const CODES = new Set<string>(Object.values(RULE_CODES));
const SEEDS = ['homeAddress.state in ["CA", "OR"] and age between 30 and 55', 'not (interests contains "golf" or incomeBand != "A")', 'birthDate < date("2000-01-01") and lastVerified >= datetime("2026-01-01T00:00:00Z")', 'hashedEmail not exists or householdSize not in [1, 2]'];
const PIECES = ['and', 'or', 'not', 'in', 'not in', 'between', 'exists', 'contains', '(', ')', '[', ']', ',', '"', '\\', '=', '==', '!=', '<', '>=', '-', '.', '5', '-1.5', 'date(', 'datetime(', 'xEvent', 'count(', 'AND', "'", '\n', '😀', '\u0000', ' '];

function assertWellFormed(text: string): void {
  const r = parseRule(text);
  if (r.ok) {
    expect(r.rule.start).toBeGreaterThanOrEqual(0);
    expect(r.rule.end).toBeLessThanOrEqual(text.length);
    for (const p of checkRule(r.rule, fields)) expect(CODES.has(p.code)).toBe(true);
    return;
  }
  const e = r.error;
  expect(CODES.has(e.code)).toBe(true);
  expect(e.message.length).toBeGreaterThan(0);
  expect(e.message).not.toContain('\n');
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(e.length).toBeGreaterThanOrEqual(0);
  expect(e.offset + e.length).toBeLessThanOrEqual(text.length);
}

describe('parseRule never throws', () => {
  test('random strings over the full Unicode range', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => assertWellFormed(s)), { seed: 20260131, numRuns: 3000 });
  });

  test('random sequences of rule pieces', () => {
    const piece = fc.constantFrom(...PIECES, 'age', 'homeowner', 'incomeBand', '"A"', 'true');
    fc.assert(fc.property(fc.array(piece, { maxLength: 25 }), fc.constantFrom(' ', ''), (parts, sep) => assertWellFormed(parts.join(sep))), {
      seed: 7,
      numRuns: 3000,
    });
  });

  test('valid rules with a random edit (delete, insert, replace a slice)', () => {
    const edit = fc.record({
      seed: fc.constantFrom(...SEEDS),
      at: fc.nat(),
      cut: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })),
    });
    fc.assert(
      fc.property(edit, ({ seed, at, cut, insert }) => {
        const i = at % (seed.length + 1);
        assertWellFormed(seed.slice(0, i) + insert + seed.slice(i + cut));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});
