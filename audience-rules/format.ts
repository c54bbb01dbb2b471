// Prints a rule back as rule text, adding only the parentheses its structure needs.
// parseRule(formatRule(r)) has the structure of r (with groups where parentheses were added).

import { Literal, PredicateNode, RuleNode } from './ast';

/** A string literal in rule syntax: double quotes, with \" and \\ escaped. */
export function formatString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => '\\' + c)}"`;
}

export function formatLiteral(v: Literal): string {
  switch (v.kind) {
    case 'string':
      return formatString(v.value);
    case 'number':
      return v.text;
    case 'boolean':
      return String(v.value);
    case 'date':
      return `date(${formatString(v.value)})`;
    case 'datetime':
      return `datetime(${formatString(v.text)})`;
  }
}

function formatPredicate(p: PredicateNode): string {
  const f = p.field.path;
  switch (p.kind) {
    case 'compare':
      return `${f} ${p.op} ${formatLiteral(p.value)}`;
    case 'in':
      return `${f} ${p.negated ? 'not in' : 'in'} [${p.values.map(formatLiteral).join(', ')}]`;
    case 'between':
      return `${f} between ${formatLiteral(p.low)} and ${formatLiteral(p.high)}`;
    case 'match':
      return `${f} ${p.op} ${formatLiteral(p.value)}`;
    case 'exists':
      return `${f} ${p.negated ? 'not exists' : 'exists'}`;
  }
}

/** Binding strength: or 1, and 2, not 3, predicates and groups 4. */
function strength(node: RuleNode): number {
  return node.kind === 'or' ? 1 : node.kind === 'and' ? 2 : node.kind === 'not' ? 3 : 4;
}

export function formatRule(rule: RuleNode): string {
  // A child at or below `min` strength is wrapped, so nested and/or keep their shape.
  const child = (node: RuleNode, min: number): string => (strength(node) <= min ? `(${formatRule(node)})` : formatRule(node));
  switch (rule.kind) {
    case 'or':
      return rule.operands.map((n) => child(n, 1)).join(' or ');
    case 'and':
      return rule.operands.map((n) => child(n, 2)).join(' and ');
    case 'not':
      return `not ${child(rule.operand, 2)}`;
    case 'group':
      return `(${formatRule(rule.inner)})`;
    default:
      return formatPredicate(rule);
  }
}
