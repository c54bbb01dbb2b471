// Tokens of the audience rule language. The lexer is pulled one token at a time by the parser, so
// the first problem reported is always the leftmost one.

import { RULE_CODES, RuleProblem } from './problem';

export const KEYWORDS = new Set([
  'and', 'or', 'not', 'in', 'between', 'contains', 'startsWith', 'endsWith', 'exists', 'true', 'false',
]);

export type TokenKind = 'path' | 'keyword' | 'string' | 'number' | 'op' | '(' | ')' | '[' | ']' | ',' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token ('' at the end of the rule). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Strings: the unescaped value. Numbers: the canonical decimal text. */
  readonly value?: string;
}

/** Internal: a problem that stops parsing. `parseRule` turns it into a result; it never escapes. */
export class RuleSyntaxError extends Error {
  constructor(readonly problem: RuleProblem) {
    super(problem.message);
    this.name = 'RuleSyntaxError';
  }
}

export function fail(code: string, message: string, start: number, end: number): never {
  throw new RuleSyntaxError({ code, message, offset: start, length: Math.max(0, end - start), severity: 'error' });
}

/** Operators of other languages, and what to write instead. */
const FOREIGN_OPERATORS: Readonly<Record<string, string>> = {
  '==': 'use "="',
  '===': 'use "="',
  '!==': 'use "!="',
  '<>': 'use "!="',
  '=<': 'use "<="',
  '=>': 'use ">="',
  '!': 'use "not" to negate a condition, or "!=" to compare',
  '&&': 'use "and"',
  '&': 'use "and"',
  '||': 'use "or"',
  '|': 'use "or"',
};
/** Digits a 64-bit float keeps exactly through decimal text and back. */
export const MAX_SIGNIFICANT_DIGITS = 15;
const OPERATORS = new Set(['=', '!=', '<', '<=', '>', '>=']);
const OPERATOR_CHARS = '=!<>&|';

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentChar = (c: string): boolean => isIdentStart(c) || isDigit(c);

/** A short, printable rendering of source text for messages. */
export function quote(text: string): string {
  const short = text.length > 40 ? text.slice(0, 37) + '...' : text;
  return `"${short}"`;
}

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  const hex = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code <= 0xa0) || code === 0xfeff || code === 0x200b ? hex : `"${c}" (${hex})`;
}

export class Lexer {
  private pos = 0;

  constructor(private readonly src: string) {}

  next(): Token {
    const src = this.src;
    while (this.pos < src.length && ' \t\r\n'.includes(src[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= src.length) return { kind: 'eof', text: '', start, end: start };
    const c = src[start];
    if (c === '"') return this.string(start);
    if (isDigit(c) || ((c === '-' || c === '.') && isDigit(src[start + 1] ?? ''))) return this.number(start);
    if (isIdentStart(c)) return this.path(start);
    if ('()[],'.includes(c)) {
      this.pos++;
      return { kind: c as TokenKind, text: c, start, end: this.pos };
    }
    if (OPERATOR_CHARS.includes(c)) return this.operator(start);
    if (c === "'") {
      const close = src.indexOf("'", start + 1);
      const hint = close > start ? `: write ${JSON.stringify(src.slice(start + 1, close))}` : '';
      fail(RULE_CODES.syntax, `strings are written in double quotes, not single quotes${hint}`, start, close > start ? close + 1 : start + 1);
    }
    if (c === '-') {
      fail(RULE_CODES.syntax, 'unexpected "-": write a negative number with no space after the sign, e.g. -5', start, start + 1);
    }
    const ch = String.fromCodePoint(src.codePointAt(start)!);
    fail(RULE_CODES.syntax, `unexpected character ${describeChar(ch)}`, start, start + ch.length);
  }

  private string(start: number): Token {
    const src = this.src;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= src.length || src[i] === '\n' || src[i] === '\r') {
        fail(RULE_CODES.unterminatedString, 'unterminated string starting here: close it with " before the end of the line', start, i);
      }
      const c = src[i];
      if (c === '"') break;
      if (c === '\\') {
        const e = src[i + 1];
        if (e === '"' || e === '\\') {
          value += e;
          i += 2;
          continue;
        }
        if (e === undefined || e === '\n' || e === '\r') {
          fail(RULE_CODES.unterminatedString, 'unterminated string starting here: close it with " before the end of the line', start, i + 1);
        }
        fail(RULE_CODES.invalidLiteral, `unknown escape "\\${e}" in a string: only \\" and \\\\ are allowed`, i, i + 2);
      }
      if (c < ' ' && c !== '\t') fail(RULE_CODES.invalidLiteral, `control character ${describeChar(c)} inside a string`, i, i + 1);
      value += c;
      i++;
    }
    this.pos = i + 1;
    return { kind: 'string', text: src.slice(start, this.pos), start, end: this.pos, value };
  }

  private number(start: number): Token {
    const src = this.src;
    let i = start + 1;
    while (i < src.length && (isIdentChar(src[i]) || src[i] === '.')) i++;
    const text = src.slice(start, i);
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) {
      let hint = 'write digits with an optional decimal point, e.g. 42 or -3.5';
      if (/^-?\.\d+$/.test(text)) hint = `write ${text.replace('.', '0.')}`;
      else if (/^-?\d+\.$/.test(text)) hint = `write digits after the decimal point, e.g. ${text}0`;
      else if (/^-?\d+(\.\d+)?[eE][+-]?\d*$/.test(text)) hint = 'exponents are not supported: write the plain decimal number';
      else if (/^-?\d+[A-Za-z_]/.test(text) && !text.includes('.')) hint = 'a field name cannot start with a digit; a number has only digits';
      fail(RULE_CODES.invalidLiteral, `invalid number ${quote(text)}: ${hint}`, start, i);
    }
    const value = Number(text);
    // Engines compare DOUBLE columns as 64-bit floats and the reference evaluator uses JavaScript
    // numbers: only literals those represent faithfully are accepted, so every engine agrees.
    const significant = (m[2] + (m[3] ?? '')).replace(/^0+/, '').replace(/0+$/, '').length;
    if (m[3] === undefined ? !Number.isSafeInteger(value) : significant > MAX_SIGNIFICANT_DIGITS) {
      const limit = m[3] === undefined ? `integers are limited to ±${Number.MAX_SAFE_INTEGER}` : `decimals are limited to ${MAX_SIGNIFICANT_DIGITS} significant digits`;
      fail(RULE_CODES.invalidLiteral, `number ${quote(text)} is too precise: ${limit}`, start, i);
    }
    const intPart = m[2].replace(/^0+(?=\d)/, '');
    const canonical = (m[1] === '-' && (intPart !== '0' || /[1-9]/.test(m[3] ?? '')) ? '-' : '') + intPart + (m[3] !== undefined ? '.' + m[3] : '');
    this.pos = i;
    return { kind: 'number', text, start, end: i, value: canonical };
  }

  private path(start: number): Token {
    const src = this.src;
    let i = start;
    for (;;) {
      while (i < src.length && isIdentChar(src[i])) i++;
      if (src[i] !== '.') break;
      if (!isIdentStart(src[i + 1] ?? '')) {
        fail(RULE_CODES.syntax, `expected a field name after "." in ${quote(src.slice(start, i + 1))}`, start, i + 1);
      }
      i++;
    }
    this.pos = i;
    const text = src.slice(start, i);
    return { kind: KEYWORDS.has(text) ? 'keyword' : 'path', text, start, end: i };
  }

  private operator(start: number): Token {
    const src = this.src;
    let i = start;
    while (i < src.length && OPERATOR_CHARS.includes(src[i])) i++;
    const text = src.slice(start, i);
    if (OPERATORS.has(text)) {
      this.pos = i;
      return { kind: 'op', text, start, end: i };
    }
    // `a =-5` lexes as "=" then "-5"; a foreign operator is reported with its replacement.
    const fix = FOREIGN_OPERATORS[text] ?? 'the operators are =, !=, <, <=, >, >=';
    fail(RULE_CODES.unknownOperator, `unknown operator ${quote(text)}: ${fix}`, start, i);
  }
}
