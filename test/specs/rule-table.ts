// Table-driven tests for semantic rules, ESLint RuleTester style: each case patches the
// minimal valid spec set (fixtures.ts). A valid case must come out with no diagnostic at all;
// an invalid case with exactly the listed diagnostics (code, message, file:line:column), in
// the pipeline's sorted order.

import { SEMANTIC_RULES } from '../../specs/rules';
import { ExpectedDiagnostic, expectDiagnostics, Files, Patch, specSet, validateFiles } from './fixtures';

export interface ValidRuleCase {
  readonly name: string;
  readonly patches: readonly Patch[];
  /** Environment whose overrides apply. */
  readonly env?: string;
}

export interface InvalidRuleCase extends ValidRuleCase {
  readonly diagnostics: readonly ExpectedDiagnostic[];
}

export function ruleTable(ruleId: string, cases: { valid: readonly ValidRuleCase[]; invalid: readonly InvalidRuleCase[] }): void {
  describe(`rule ${ruleId}`, () => {
    it('is registered, with a one-line doc', () => {
      const rule = SEMANTIC_RULES.find((r) => r.id === ruleId);
      expect(rule).toBeDefined();
      expect(rule!.doc.length).toBeGreaterThan(20);
      expect(rule!.doc).not.toContain('\n');
    });

    caseTable(cases);
  });
}

/** The valid/invalid table alone (for structural checks that are not semantic rules). */
export function caseTable(cases: { valid: readonly ValidRuleCase[]; invalid: readonly InvalidRuleCase[] }): void {
  it.each(cases.valid.map((c) => [c.name, c] as const))('accepts: %s', (_name, c) => {
    const files = specSet(...c.patches);
    const r = validateFiles(files, { env: c.env });
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each(cases.invalid.map((c) => [c.name, c] as const))('rejects: %s', (_name, c) => {
    const files: Files = specSet(...c.patches);
    const r = validateFiles(files, { env: c.env });
    expectDiagnostics(files, r.diagnostics, c.diagnostics);
    expect(r.ok).toBe(!c.diagnostics.some((d) => (d.severity ?? 'error') === 'error'));
  });
}
