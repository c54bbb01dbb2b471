// Which fields a rule reads: the policy check and the profile query use it.

import { RuleNode, predicatesOf } from './ast';

/** Field paths the rule refers to, sorted and without duplicates. */
export function fieldsUsed(rule: RuleNode): string[] {
  return [...new Set(predicatesOf(rule).map((p) => p.field.path))].sort();
}
