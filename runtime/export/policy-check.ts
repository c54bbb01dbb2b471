// Policy enforcement at run time, as defence in depth: the validator refuses such activations
// before deploy, but a policy enabled (or a label added) since then must still stop the export.
// Same rule as specs/rules/policy-violation.ts, whose label-expression matcher it reuses: the
// labels on every field an activation uses or exports, taken together, must not satisfy the
// `deny` expression of an enabled policy for a marketing action of its destination.

import { matchedLabels } from '../../specs/rules/policy-violation';
import type { RuntimeManifest } from '../manifest';
import { PolicyViolationError } from './errors';
import type { ActivationPlan } from './export-plan';

export interface PolicyViolation {
  readonly policy: string;
  readonly label: string;
  readonly field: string;
  readonly action: string;
}

/** Every enabled policy the activation violates (one entry per policy), sorted by policy. */
export function policyViolations(manifest: RuntimeManifest, plan: ActivationPlan): PolicyViolation[] {
  const schema = manifest.schemas[manifest.datasets[plan.dataset].schema];
  const labelsOf = new Map(plan.touchedFields.map((f) => [f, schema.fieldLabels[f] ?? []]));
  const present = new Set([...labelsOf.values()].flat());
  const out: PolicyViolation[] = [];
  for (const [name, policy] of Object.entries(manifest.policies).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (policy.enabled === false) continue;
    const actions = policy.marketingActions.filter((x) => plan.destination.marketingActions.includes(x));
    if (actions.length === 0) continue;
    const matched = matchedLabels(policy.deny, present);
    if (!matched) continue;
    // Name the field carrying the rarest matched label (with allOf [THIRD_PARTY, I1], the I1 field).
    const carriers = (l: string) => plan.touchedFields.filter((f) => labelsOf.get(f)!.includes(l));
    const label = [...matched].sort((x, y) => carriers(x).length - carriers(y).length || (x < y ? -1 : 1))[0];
    out.push({ policy: name, label, field: carriers(label)[0], action: actions[0] });
  }
  return out;
}

/** Throws PolicyViolationError when any enabled policy denies the activation. */
export function assertPoliciesAllow(manifest: RuntimeManifest, plan: ActivationPlan): void {
  const v = policyViolations(manifest, plan);
  if (v.length > 0) throw new PolicyViolationError(plan.activation, v);
}
