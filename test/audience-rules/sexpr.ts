// Test helper: a rule as an s-expression, e.g. (and (= age 30) (not (exists email))), so tables can
// state structure and precedence in one short string.

import { Literal, RuleNode } from '../../audience-rules/ast';

function lit(v: Literal): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return v.text;
    case 'boolean':
      return String(v.value);
    case 'date':
      return `date:${v.value}`;
    case 'datetime':
      return `datetime:${v.utc}`;
  }
}

export function sexpr(n: RuleNode): string {
  switch (n.kind) {
    case 'and':
    case 'or':
      return `(${n.kind} ${n.operands.map(sexpr).join(' ')})`;
    case 'not':
      return `(not ${sexpr(n.operand)})`;
    case 'group':
      return sexpr(n.inner);
    case 'compare':
    case 'match':
      return `(${n.op} ${n.field.path} ${lit(n.value)})`;
    case 'in':
      return `(${n.negated ? 'not-in' : 'in'} ${n.field.path} ${n.values.map(lit).join(' ')})`;
    case 'between':
      return `(between ${n.field.path} ${lit(n.low)} ${lit(n.high)})`;
    case 'exists':
      return `(${n.negated ? 'not-exists' : 'exists'} ${n.field.path})`;
  }
}
