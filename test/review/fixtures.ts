// Where the shared terraform-plan fixtures live: `shared/` beside the repository (as in CI).

import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const PLAN_FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'terraform-plans');
export const GOLDEN_DIR = path.join(__dirname, 'golden');

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
}

export function fixtureNames(): string[] {
  return fs.readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith('.json')).sort();
}

/**
 * Strings and numbers a plan marks sensitive (in resource changes and outputs, on either side),
 * minus any that also appear unmarked, so finding one in a report is a leak.
 */
export function markedSecrets(plan: Record<string, unknown>): string[] {
  const marked = new Set<string>();
  const plain = new Set<string>();
  const visit = (v: unknown, mark: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
        const m = mark === true ? true : typeof mark === 'object' && mark !== null ? (mark as Record<string, unknown>)[k] : undefined;
        visit(c, m);
      }
      return;
    }
    (mark === true ? marked : plain).add(String(v));
  };
  const changes = [
    ...((plan.resource_changes as { change: Record<string, unknown> }[] | undefined) ?? []).map((rc) => rc.change),
    ...Object.values((plan.output_changes as Record<string, Record<string, unknown>> | undefined) ?? {}),
  ];
  for (const c of changes) {
    // A value marked on one side is secret on both sides.
    visit(c.before, merge(c.before_sensitive, c.after_sensitive));
    visit(c.after, merge(c.before_sensitive, c.after_sensitive));
  }
  return [...marked].filter((s) => !plain.has(s) && s.length >= 3);
}

function merge(a: unknown, b: unknown): unknown {
  if (a === true || b === true) return true;
  if (typeof a !== 'object' || a === null) return b;
  if (typeof b !== 'object' || b === null) return a;
  const out: Record<string, unknown> = Array.isArray(a) ? ([...a] as unknown as Record<string, unknown>) : { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out;
}
