// A problem found in an audience rule: a code, a one-line message, and where in the rule string.

export type RuleSeverity = 'error' | 'warning';

export interface RuleProblem {
  readonly code: string;
  readonly message: string;
  /** 0-based offset (UTF-16 code units, as JavaScript indexes strings) of the offending token. */
  readonly offset: number;
  /** Length of the offending token; 0 at the end of the rule. */
  readonly length: number;
  /** @default 'error' */
  readonly severity?: RuleSeverity;
}

/** Every code the rule language reports. Codes are a contract: keep them stable. */
export const RULE_CODES = {
  /** The text does not follow the grammar (missing value, stray token, unclosed parenthesis, ...). */
  syntax: 'audience-syntax-error',
  /** An operator from another language (`==`, `<>`, `&&`, `AND`, ...). */
  unknownOperator: 'audience-unknown-operator',
  /** A string literal without its closing quote. */
  unterminatedString: 'audience-unterminated-string',
  /** A malformed number, date, datetime or string escape. */
  invalidLiteral: 'audience-invalid-literal',
  /** A function other than date() and datetime(). */
  unknownFunction: 'audience-unknown-function',
  /** A reference to events or time series: prospect audiences are attribute-only and batch-only. */
  notAttributeOnly: 'audience-not-attribute-only',
  /** Nesting deeper than the parser accepts. */
  tooComplex: 'audience-rule-too-complex',
  /** A field path that is not in the dataset's schema. */
  unknownField: 'audience-unknown-field',
  /** A value or operator that does not fit the field's type. */
  typeMismatch: 'audience-type-mismatch',
  /** Warning: a value outside the field's enum; the comparison can never match. */
  valueNotInEnum: 'audience-value-not-in-enum',
  /** Warning: `between a and b` with a > b matches nothing. */
  emptyRange: 'audience-empty-range',
} as const;

export type RuleCode = (typeof RULE_CODES)[keyof typeof RULE_CODES];
