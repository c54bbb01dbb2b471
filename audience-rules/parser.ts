// Recursive-descent parser for audience rules. Precedence, loosest first: or, and, prefix not,
// comparison. parseRule never throws: every input ends in a rule or in one problem.

import {
  BetweenNode,
  ComparisonNode,
  ComparisonOperator,
  ExistsNode,
  FieldRef,
  InNode,
  Literal,
  PredicateNode,
  RuleNode,
  StringMatchNode,
  StringMatchOperator,
} from './ast';
import { KEYWORDS, Lexer, RuleSyntaxError, Token, fail, quote } from './lexer';
import { RULE_CODES, RuleProblem } from './problem';
import { isValidDate, normalizeDateTime } from './temporal';

export type ParseResult = { readonly ok: true; readonly rule: RuleNode } | { readonly ok: false; readonly error: RuleProblem };

/** Parentheses plus `not`s that may enclose one another; deeper rules are rejected, not overflowed. */
export const MAX_NESTING = 64;

/** Roots of experience-event and time-series data: never part of a prospect profile. */
const EVENT_ROOTS = new Set(['xEvent', 'events', 'event', 'experienceEvent', 'experienceEvents', 'timeSeries', 'timeseries', 'occurs', 'chain']);
/** PQL functions over events (`count(`, `chain(`, ...). */
const EVENT_FUNCTIONS = new Set(['count', 'countDistinct', 'chain', 'occurs', 'sum', 'avg', 'min', 'max', 'select', 'timeSeries', 'within', 'followedBy']);

const OPERATOR_LIST = '=, !=, <, <=, >, >=, in, not in, between, contains, startsWith, endsWith, exists, not exists';
/** Words users bring from SQL and other languages, as operators, with what to write instead. */
const FOREIGN_WORDS: Readonly<Record<string, string>> = {
  like: 'use contains, startsWith or endsWith',
  ilike: 'use contains, startsWith or endsWith (matching is case-sensitive)',
  is: 'use "=" to compare, or "exists" / "not exists" to test for a value',
  equals: 'use "="',
  eq: 'use "="',
  ne: 'use "!="',
  gt: 'use ">"',
  ge: 'use ">="',
  lt: 'use "<"',
  le: 'use "<="',
  matches: 'regular expressions are not supported: use contains, startsWith or endsWith',
  includes: 'use "contains"',
};
const KEYWORD_BY_LOWERCASE = new Map([...KEYWORDS].map((k) => [k.toLowerCase(), k]));

/** Parses one rule. On failure, the problem points at the leftmost offending token. */
export function parseRule(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, error: { code: RULE_CODES.syntax, message: `a rule must be a string, found ${text === null ? 'null' : typeof text}`, offset: 0, length: 0, severity: 'error' } };
  }
  try {
    return { ok: true, rule: new Parser(text).rule() };
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { ok: false, error: e.problem };
    // Not reachable by design (nesting is bounded); kept so that no input can escape as an exception.
    return { ok: false, error: { code: RULE_CODES.tooComplex, message: `the rule could not be parsed: ${(e as Error).message}`, offset: 0, length: text.length, severity: 'error' } };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of rule';
    case 'string':
      return `the string ${quote(t.value ?? '')}`;
    case 'number':
      return `the number ${t.text}`;
    default:
      return quote(t.text);
  }
}

function eventMessage(name: string): string {
  return `${quote(name)} refers to events or time series: prospect audiences are attribute-only and batch-only, so a rule can test only the profile's own fields`;
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  private prev: Token | undefined;
  private depth = 0;

  constructor(private readonly src: string) {
    this.lexer = new Lexer(src);
    this.tok = this.lexer.next();
  }

  rule(): RuleNode {
    if (this.tok.kind === 'eof') fail(RULE_CODES.syntax, 'the rule is empty: write a condition such as age >= 18', 0, this.src.length);
    const rule = this.or();
    const t = this.tok;
    if (t.kind !== 'eof') {
      if (t.kind === ')') fail(RULE_CODES.syntax, 'unexpected ")": there is no "(" for it to close', t.start, t.end);
      this.failForeignKeyword(t);
      fail(RULE_CODES.syntax, `expected "and" or "or" between conditions, found ${describe(t)}`, t.start, t.end);
    }
    return rule;
  }

  private advance(): Token {
    this.prev = this.tok;
    this.tok = this.lexer.next();
    return this.prev;
  }

  private isKeyword(word: string): boolean {
    return this.tok.kind === 'keyword' && this.tok.text === word;
  }

  private after(): string {
    return this.prev ? ` after ${quote(this.prev.text)}` : '';
  }

  /** `AND`, `Or`, `IN`, `like`...: a word that looks like an operator of this or another language. */
  private failForeignKeyword(t: Token): void {
    if (t.kind !== 'path') return;
    const keyword = KEYWORD_BY_LOWERCASE.get(t.text.toLowerCase());
    if (keyword !== undefined) fail(RULE_CODES.unknownOperator, `unknown operator ${quote(t.text)}: keywords are lowercase, use "${keyword}"`, t.start, t.end);
    const fix = FOREIGN_WORDS[t.text.toLowerCase()];
    if (fix !== undefined) fail(RULE_CODES.unknownOperator, `unknown operator ${quote(t.text)}: ${fix}`, t.start, t.end);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_NESTING) {
      fail(RULE_CODES.tooComplex, `the rule nests parentheses and "not" more than ${MAX_NESTING} levels deep: simplify it`, t.start, t.end);
    }
  }

  private or(): RuleNode {
    const operands = [this.and()];
    while (this.isKeyword('or')) {
      this.advance();
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands, start: operands[0].start, end: operands[operands.length - 1].end };
  }

  private and(): RuleNode {
    const operands = [this.not()];
    while (this.isKeyword('and')) {
      this.advance();
      operands.push(this.not());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands, start: operands[0].start, end: operands[operands.length - 1].end };
  }

  private not(): RuleNode {
    const nots: Token[] = [];
    while (this.isKeyword('not')) {
      this.enter(this.tok);
      nots.push(this.advance());
    }
    let node = this.primary();
    for (let i = nots.length - 1; i >= 0; i--) node = { kind: 'not', operand: node, start: nots[i].start, end: node.end };
    this.depth -= nots.length;
    return node;
  }

  private primary(): RuleNode {
    const t = this.tok;
    if (t.kind === '(') {
      this.enter(t);
      this.advance();
      const inner = this.or();
      const close = this.tok;
      if (close.kind === 'eof') fail(RULE_CODES.syntax, 'unclosed "(": add a matching ")"', t.start, t.end);
      if (close.kind !== ')') {
        this.failForeignKeyword(close);
        fail(RULE_CODES.syntax, `expected "and", "or" or ")", found ${describe(close)}`, close.start, close.end);
      }
      this.advance();
      this.depth--;
      return { kind: 'group', inner, start: t.start, end: close.end };
    }
    if (t.kind === 'path') return this.predicate();
    if (t.kind === 'string' || t.kind === 'number' || (t.kind === 'keyword' && (t.text === 'true' || t.text === 'false'))) {
      fail(RULE_CODES.syntax, `expected a field name, found ${describe(t)}: a condition starts with the field, e.g. age >= 18`, t.start, t.end);
    }
    fail(RULE_CODES.syntax, `expected a condition${this.after()} (a field name, "not" or "("), found ${describe(t)}`, t.start, t.end);
  }

  private field(): FieldRef {
    const t = this.advance();
    const root = t.text.split('.')[0];
    if (EVENT_ROOTS.has(root)) fail(RULE_CODES.notAttributeOnly, eventMessage(root), t.start, t.start + root.length);
    if (this.tok.kind === '(') {
      if (EVENT_FUNCTIONS.has(t.text)) fail(RULE_CODES.notAttributeOnly, eventMessage(`${t.text}(`), t.start, this.tok.end);
      if (t.text === 'date' || t.text === 'datetime') {
        fail(RULE_CODES.syntax, `expected a field name, found ${quote(t.text + '(')}: a condition starts with the field, e.g. birthDate < date("2000-01-01")`, t.start, this.tok.end);
      }
      fail(RULE_CODES.unknownFunction, `unknown function ${quote(t.text)}: a condition starts with a field name, and the only functions are date("YYYY-MM-DD") and datetime("YYYY-MM-DDTHH:MM:SSZ")`, t.start, this.tok.end);
    }
    return { kind: 'field', path: t.text, start: t.start, end: t.end };
  }

  private predicate(): PredicateNode {
    const field = this.field();
    const t = this.tok;
    const done = <N extends PredicateNode>(node: Omit<N, 'start' | 'end' | 'field'>): N =>
      ({ ...node, field, start: field.start, end: this.prev!.end }) as N;

    if (t.kind === 'op') {
      this.advance();
      const value = this.value();
      return done<ComparisonNode>({ kind: 'compare', op: t.text as ComparisonOperator, value, opStart: t.start, opEnd: t.end });
    }
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'in':
          this.advance();
          return done<InNode>({ kind: 'in', negated: false, values: this.list(), opStart: t.start, opEnd: t.end });
        case 'exists':
          this.advance();
          return done<ExistsNode>({ kind: 'exists', negated: false, opStart: t.start, opEnd: t.end });
        case 'not': {
          this.advance();
          const second = this.tok;
          if (second.kind === 'keyword' && second.text === 'in') {
            this.advance();
            return done<InNode>({ kind: 'in', negated: true, values: this.list(), opStart: t.start, opEnd: second.end });
          }
          if (second.kind === 'keyword' && second.text === 'exists') {
            this.advance();
            return done<ExistsNode>({ kind: 'exists', negated: true, opStart: t.start, opEnd: second.end });
          }
          fail(
            RULE_CODES.syntax,
            `expected "in" or "exists" after "not", found ${describe(second)}: to negate a comparison write "not" before the field, e.g. not ${field.path} = ..., or use "!="`,
            second.start,
            second.end,
          );
        }
        case 'between': {
          this.advance();
          const low = this.value();
          if (!this.isKeyword('and')) {
            fail(RULE_CODES.syntax, `expected "and" after the lower bound of "between", found ${describe(this.tok)}: write between 30 and 55`, this.tok.start, this.tok.end);
          }
          this.advance();
          const high = this.value();
          return done<BetweenNode>({ kind: 'between', low, high, opStart: t.start, opEnd: t.end });
        }
        case 'contains':
        case 'startsWith':
        case 'endsWith': {
          this.advance();
          const value = this.value();
          return done<StringMatchNode>({ kind: 'match', op: t.text as StringMatchOperator, value, opStart: t.start, opEnd: t.end });
        }
      }
    }
    if (t.kind === 'path' && EVENT_ROOTS.has(t.text)) {
      fail(RULE_CODES.notAttributeOnly, eventMessage(t.text), t.start, t.end);
    }
    this.failForeignKeyword(t);
    fail(RULE_CODES.syntax, `expected an operator after ${quote(field.path)} (${OPERATOR_LIST}), found ${describe(t)}`, t.start, t.end);
  }

  private list(): Literal[] {
    const open = this.tok;
    if (open.kind !== '[') {
      const hint = open.kind === 'string' || open.kind === 'number' ? `: write the values in brackets, e.g. in [${open.text}]` : ': write the values in brackets, e.g. in ["CA", "OR"]';
      fail(RULE_CODES.syntax, `expected "["${this.after()}, found ${describe(open)}${hint}`, open.start, open.end);
    }
    this.advance();
    if (this.tok.kind === ']') fail(RULE_CODES.syntax, 'empty list: "in" and "not in" need at least one value', open.start, this.tok.end);
    const values = [this.value()];
    for (;;) {
      const t = this.tok;
      if (t.kind === ']') break;
      if (t.kind === ',') {
        this.advance();
        values.push(this.value());
        continue;
      }
      if (t.kind === 'eof') fail(RULE_CODES.syntax, 'unclosed "[": add a matching "]"', open.start, open.end);
      fail(RULE_CODES.syntax, `expected "," or "]" in the list, found ${describe(t)}`, t.start, t.end);
    }
    this.advance();
    return values;
  }

  private value(): Literal {
    const t = this.tok;
    switch (t.kind) {
      case 'string':
        this.advance();
        return { kind: 'string', value: t.value!, start: t.start, end: t.end };
      case 'number':
        this.advance();
        return { kind: 'number', value: Number(t.value), text: t.value!, start: t.start, end: t.end };
      case 'keyword':
        if (t.text === 'true' || t.text === 'false') {
          this.advance();
          return { kind: 'boolean', value: t.text === 'true', start: t.start, end: t.end };
        }
        break;
      case 'path':
        return this.pathValue(t);
      case '[':
        fail(RULE_CODES.syntax, `expected a value${this.after()}, found "[": use "in" to compare with a list`, t.start, t.end);
    }
    fail(RULE_CODES.syntax, `expected a value${this.after()}, found ${describe(t)}`, t.start, t.end);
  }

  /** A word in value position: date(...), datetime(...), or a mistake. */
  private pathValue(t: Token): Literal {
    const context = this.after();
    this.advance();
    const root = t.text.split('.')[0];
    if (EVENT_ROOTS.has(root)) fail(RULE_CODES.notAttributeOnly, eventMessage(root), t.start, t.start + root.length);
    const call = this.tok.kind === '(';
    if (t.text !== 'date' && t.text !== 'datetime') {
      if (call && EVENT_FUNCTIONS.has(t.text)) fail(RULE_CODES.notAttributeOnly, eventMessage(`${t.text}(`), t.start, this.tok.end);
      if (call) fail(RULE_CODES.unknownFunction, `unknown function ${quote(t.text)}: the only functions are date("YYYY-MM-DD") and datetime("YYYY-MM-DDTHH:MM:SSZ")`, t.start, this.tok.end);
      fail(
        RULE_CODES.syntax,
        `expected a value${context}, found ${quote(t.text)}: write strings in double quotes, ${JSON.stringify(t.text)} (comparing two fields is not supported)`,
        t.start,
        t.end,
      );
    }
    const example = t.text === 'date' ? 'date("2026-01-31")' : 'datetime("2026-01-31T09:30:00Z")';
    if (!call) fail(RULE_CODES.syntax, `expected "(" after ${quote(t.text)}: write ${example}`, this.tok.start, this.tok.end);
    this.advance();
    const arg = this.tok;
    if (arg.kind !== 'string') fail(RULE_CODES.syntax, `expected a string inside ${t.text}(...), found ${describe(arg)}: write ${example}`, arg.start, arg.end);
    this.advance();
    const close = this.tok;
    if (close.kind !== ')') fail(RULE_CODES.syntax, `expected ")" to close ${t.text}(, found ${describe(close)}`, close.start, close.end);
    this.advance();
    const text = arg.value!;
    if (t.text === 'date') {
      if (!isValidDate(text)) {
        fail(RULE_CODES.invalidLiteral, `invalid date ${quote(text)}: write a real calendar day as YYYY-MM-DD, e.g. date("2026-01-31")`, arg.start, arg.end);
      }
      return { kind: 'date', value: text, start: t.start, end: close.end };
    }
    const utc = normalizeDateTime(text);
    if (utc === undefined) {
      fail(
        RULE_CODES.invalidLiteral,
        `invalid datetime ${quote(text)}: write ISO 8601 with at most 6 fraction digits, e.g. datetime("2026-01-31T09:30:00Z") (no zone means UTC)`,
        arg.start,
        arg.end,
      );
    }
    return { kind: 'datetime', text, utc, start: t.start, end: close.end };
  }
}
