// Type checker: a parsed rule against the fields of the dataset's schema. Reports every problem.

import { FieldSpec, FieldType } from '../specs/model';
import { Literal, LiteralKind, ORDERING_OPERATORS, PredicateNode, RuleNode, Span, predicatesOf, valuesOf } from './ast';
import { quote } from './lexer';
import { RULE_CODES, RuleProblem } from './problem';
import { compareLiterals } from './order';
import { closest } from '../specs/suggest';

/** Which literal kind each field type accepts (integer and number accept each other's values). */
const LITERAL_FOR: Readonly<Record<FieldType, LiteralKind>> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

const ARTICLE: Readonly<Record<FieldType, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  date: 'a date',
  datetime: 'a datetime',
};

/**
 * Checks `rule` against `fields` (pass `allFields(schema)`): fields exist, values have the field's
 * type, operators apply to it. Warnings: values outside an enum, empty `between` ranges.
 */
export function checkRule(rule: RuleNode, fields: Readonly<Record<string, FieldSpec>>): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const known = Object.keys(fields);
  for (const p of predicatesOf(rule)) {
    const spec = Object.prototype.hasOwnProperty.call(fields, p.field.path) ? fields[p.field.path] : undefined;
    if (spec === undefined) {
      problems.push(unknownField(p.field.path, p.field, known));
      continue;
    }
    checkPredicate(p, spec, problems);
  }
  return problems;
}

function problem(code: string, message: string, at: Span, severity: 'error' | 'warning' = 'error'): RuleProblem {
  return { code, message, offset: at.start, length: at.end - at.start, severity };
}

function unknownField(path: string, at: Span, known: readonly string[]): RuleProblem {
  const guess = closest(path, known);
  const count = `the schema has ${known.length} field${known.length === 1 ? '' : 's'}`;
  const message =
    guess !== undefined
      ? `unknown field ${quote(path)}: did you mean ${quote(guess)}? (${count})`
      : `unknown field ${quote(path)}: ${count}, none with a similar name`;
  return problem(RULE_CODES.unknownField, message, at);
}

function checkPredicate(p: PredicateNode, spec: FieldSpec, out: RuleProblem[]): void {
  const path = p.field.path;
  const type = spec.type;
  const opSpan: Span = { start: p.opStart, end: p.opEnd };
  if (p.kind === 'exists') return;
  if (p.kind === 'match' && type !== 'string') {
    out.push(problem(RULE_CODES.typeMismatch, `"${p.op}" applies only to string fields, but ${quote(path)} is ${ARTICLE[type]}: use =, !=, in${type === 'boolean' ? '' : ', <, >, between'}`, opSpan));
    return;
  }
  const ordering = p.kind === 'between' || (p.kind === 'compare' && ORDERING_OPERATORS.includes(p.op));
  if (ordering && type === 'boolean') {
    const op = p.kind === 'compare' ? p.op : 'between';
    out.push(problem(RULE_CODES.typeMismatch, `operator "${op}" does not apply to boolean field ${quote(path)}: booleans have no order; use = true, = false or exists`, opSpan));
    return;
  }
  let welltyped = true;
  for (const v of valuesOf(p)) {
    if (v.kind !== LITERAL_FOR[type]) {
      out.push(problem(RULE_CODES.typeMismatch, mismatchMessage(path, type, v), v));
      welltyped = false;
    }
  }
  if (!welltyped) return;
  if (spec.enum !== undefined && (p.kind === 'in' || (p.kind === 'compare' && (p.op === '=' || p.op === '!=')))) {
    for (const v of valuesOf(p)) checkEnum(path, spec.enum, v, out);
  }
  if (p.kind === 'between' && compareLiterals(p.low, p.high) > 0) {
    out.push(
      problem(
        RULE_CODES.emptyRange,
        `"between ${show(p.low)} and ${show(p.high)}" matches nothing: the lower bound comes first, write between ${show(p.high)} and ${show(p.low)}`,
        { start: p.low.start, end: p.high.end },
        'warning',
      ),
    );
  }
}

/** The literal as written in a rule. */
function show(v: Literal): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return v.text;
    case 'boolean':
      return String(v.value);
    case 'date':
      return `date("${v.value}")`;
    case 'datetime':
      return `datetime(${JSON.stringify(v.text)})`;
  }
}

const LITERAL_NAME: Readonly<Record<LiteralKind, string>> = {
  string: 'the string',
  number: 'the number',
  boolean: 'the boolean',
  date: 'the date',
  datetime: 'the datetime',
};

function mismatchMessage(path: string, type: FieldType, v: Literal): string {
  const what = `${quote(path)} is ${ARTICLE[type]} field, but ${LITERAL_NAME[v.kind]} ${show(v)} is compared with it`;
  return `${what}: ${fix(type, v)}`;
}

/** What to write instead of `v` for a field of `type`. */
function fix(type: FieldType, v: Literal): string {
  const raw = v.kind === 'string' ? v.value : v.kind === 'number' ? v.text : v.kind === 'boolean' ? String(v.value) : v.kind === 'date' ? v.value : v.text;
  switch (type) {
    case 'string':
      return `quote it, ${JSON.stringify(raw)}`;
    case 'integer':
    case 'number':
      return v.kind === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? `write ${raw.trim()} without quotes` : 'compare with a number, e.g. 42';
    case 'boolean':
      return v.kind === 'string' && (raw === 'true' || raw === 'false') ? `write ${raw} without quotes` : 'compare with true or false';
    case 'date':
      if (v.kind === 'datetime') return `compare with a date, date("${v.utc.slice(0, 10)}")`;
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `write date("${raw}")` : 'write a date as date("YYYY-MM-DD")';
    case 'datetime':
      if (v.kind === 'date') return `compare with a datetime, datetime("${v.value}T00:00:00Z")`;
      return /^\d{4}-\d{2}-\d{2}/.test(raw) ? `write datetime(${JSON.stringify(raw)})` : 'write a datetime as datetime("YYYY-MM-DDTHH:MM:SSZ")';
  }
}

function checkEnum(path: string, allowed: readonly (string | number)[], v: Literal, out: RuleProblem[]): void {
  if (v.kind !== 'string' && v.kind !== 'number') return;
  if (allowed.some((a) => a === v.value)) return;
  const list = allowed.map((a) => (typeof a === 'string' ? JSON.stringify(a) : String(a))).join(', ');
  const guess = v.kind === 'string' ? closest(v.value, allowed.filter((a): a is string => typeof a === 'string'), 0) : undefined;
  // Enum values are often one or two letters: suggest only case slips and proportionate typos.
  const hint = guess !== undefined ? `did you mean ${JSON.stringify(guess)}? ` : '';
  out.push(
    problem(
      RULE_CODES.valueNotInEnum,
      `${show(v)} is not one of the values of ${quote(path)} (${list}): ${hint}no profile can have this value`,
      v,
      'warning',
    ),
  );
}
