// Table-driven rule tests, ESLint RuleTester style: valid stacks give no finding of the rule,
// invalid ones give exactly the listed findings (rule id, address, message, path when given).

import type { SecurityRule, TerraformJson } from '../../checks/types';

export interface ValidCase {
  readonly name: string;
  readonly tf: TerraformJson;
}
export interface ExpectedFinding {
  readonly address: string;
  /** A substring (or pattern) of the message. */
  readonly message: string | RegExp;
  readonly path?: string;
}
export interface InvalidCase extends ValidCase {
  readonly findings: readonly ExpectedFinding[];
}

export function ruleTable(rule: SecurityRule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.id, () => {
    it('has a title and a one-line doc', () => {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.doc.length).toBeGreaterThan(20);
      expect(rule.doc).not.toContain('\n');
    });

    it.each(cases.valid.map((c) => [c.name, c] as const))('passes: %s', (_name, c) => {
      expect(rule.check(c.tf)).toEqual([]);
    });

    it.each(cases.invalid.map((c) => [c.name, c] as const))('fails: %s', (_name, c) => {
      const found = rule.check(c.tf);
      expect(found.map((f) => f.rule)).toEqual(c.findings.map(() => rule.id));
      expect(found.map((f) => f.address)).toEqual(c.findings.map((e) => e.address));
      found.forEach((f, i) => {
        const expected = c.findings[i];
        if (typeof expected.message === 'string') expect(f.message).toContain(expected.message);
        else expect(f.message).toMatch(expected.message);
        if (expected.path !== undefined) expect(f.path).toBe(expected.path);
      });
    });
  });
}
