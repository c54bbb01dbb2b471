// Syntax tree of an audience rule. Every node keeps `start`/`end`: offsets into the rule string
// (0-based, end exclusive, UTF-16 code units).

export interface Span {
  readonly start: number;
  readonly end: number;
}

// ---- values ----

export interface StringLiteral extends Span {
  readonly kind: 'string';
  readonly value: string;
}

export interface NumberLiteral extends Span {
  readonly kind: 'number';
  readonly value: number;
  /** Canonical decimal text (no leading zeros, no exponent), e.g. `-12.5`; what SQL receives. */
  readonly text: string;
}

export interface BooleanLiteral extends Span {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface DateLiteral extends Span {
  readonly kind: 'date';
  /** `YYYY-MM-DD`, a real calendar date. */
  readonly value: string;
}

export interface DateTimeLiteral extends Span {
  readonly kind: 'datetime';
  /** As written inside `datetime("...")`. */
  readonly text: string;
  /** The instant in UTC, `YYYY-MM-DDTHH:MM:SS.ffffff` (microseconds): sorts in time order. */
  readonly utc: string;
}

export type Literal = StringLiteral | NumberLiteral | BooleanLiteral | DateLiteral | DateTimeLiteral;
export type LiteralKind = Literal['kind'];

// ---- predicates (one field, one operator) ----

export interface FieldRef extends Span {
  readonly kind: 'field';
  /** Dotted path, e.g. `homeAddress.state`. */
  readonly path: string;
}

/** Where the operator token(s) sit, e.g. `not in` spans both words. */
export interface OperatorSpan {
  readonly opStart: number;
  readonly opEnd: number;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export const ORDERING_OPERATORS: readonly ComparisonOperator[] = ['<', '<=', '>', '>='];

export interface ComparisonNode extends Span, OperatorSpan {
  readonly kind: 'compare';
  readonly op: ComparisonOperator;
  readonly field: FieldRef;
  readonly value: Literal;
}

/** `in [..]`, or `not in [..]` when `negated`. */
export interface InNode extends Span, OperatorSpan {
  readonly kind: 'in';
  readonly negated: boolean;
  readonly field: FieldRef;
  /** At least one value. */
  readonly values: readonly Literal[];
}

/** `between low and high`, both ends included. */
export interface BetweenNode extends Span, OperatorSpan {
  readonly kind: 'between';
  readonly field: FieldRef;
  readonly low: Literal;
  readonly high: Literal;
}

export type StringMatchOperator = 'contains' | 'startsWith' | 'endsWith';

export interface StringMatchNode extends Span, OperatorSpan {
  readonly kind: 'match';
  readonly op: StringMatchOperator;
  readonly field: FieldRef;
  readonly value: Literal;
}

/** `exists`, or `not exists` when `negated`. */
export interface ExistsNode extends Span, OperatorSpan {
  readonly kind: 'exists';
  readonly negated: boolean;
  readonly field: FieldRef;
}

export type PredicateNode = ComparisonNode | InNode | BetweenNode | StringMatchNode | ExistsNode;

// ---- logic ----

/** Two or more operands (a chain `a and b and c` is one node). */
export interface AndNode extends Span {
  readonly kind: 'and';
  readonly operands: readonly RuleNode[];
}

export interface OrNode extends Span {
  readonly kind: 'or';
  readonly operands: readonly RuleNode[];
}

export interface NotNode extends Span {
  readonly kind: 'not';
  readonly operand: RuleNode;
}

/** A parenthesised rule keeps its parentheses in the span, so errors can point at them. */
export interface GroupNode extends Span {
  readonly kind: 'group';
  readonly inner: RuleNode;
}

export type RuleNode = AndNode | OrNode | NotNode | GroupNode | PredicateNode;

export function isPredicate(node: RuleNode): node is PredicateNode {
  return node.kind === 'compare' || node.kind === 'in' || node.kind === 'between' || node.kind === 'match' || node.kind === 'exists';
}

/** Every predicate of a rule, left to right (iterative: deep rules do not grow the stack). */
export function predicatesOf(rule: RuleNode): PredicateNode[] {
  const out: PredicateNode[] = [];
  const stack: RuleNode[] = [rule];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isPredicate(node)) out.push(node);
    else if (node.kind === 'not') stack.push(node.operand);
    else if (node.kind === 'group') stack.push(node.inner);
    else for (let i = node.operands.length - 1; i >= 0; i--) stack.push(node.operands[i]);
  }
  return out;
}

/** The literal values a predicate compares against (none for `exists`). */
export function valuesOf(p: PredicateNode): readonly Literal[] {
  switch (p.kind) {
    case 'compare':
    case 'match':
      return [p.value];
    case 'in':
      return p.values;
    case 'between':
      return [p.low, p.high];
    case 'exists':
      return [];
  }
}
