import { RuleNode } from '../../audience-rules/ast';
import { parseRule } from '../../audience-rules/parser';
import { sexpr } from './sexpr';

function parsed(text: string): RuleNode {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got ${r.error.code}: ${r.error.message}`);
  return r.rule;
}

describe('parseRule accepts valid rules', () => {
  const valid: [string, string][] = [
    ['age = 30', '(= age 30)'],
    ['age != 30', '(!= age 30)'],
    ['age < 30', '(< age 30)'],
    ['age <= 30', '(<= age 30)'],
    ['age > 30', '(> age 30)'],
    ['age >= 30', '(>= age 30)'],
    ['age>=30', '(>= age 30)'],
    ['age = -5', '(= age -5)'],
    ['age =-5', '(= age -5)'],
    ['netWorth > 1250.75', '(> netWorth 1250.75)'],
    ['netWorth > -0.5', '(> netWorth -0.5)'],
    ['netWorth > 007.50', '(> netWorth 7.50)'],
    ['netWorth = -0', '(= netWorth 0)'],
    ['homeAddress.state = "CA"', '(= homeAddress.state "CA")'],
    ['a.b.c_d.E9 = "x"', '(= a.b.c_d.E9 "x")'],
    ['_id = "x"', '(= _id "x")'],
    ['name = "say \\"hi\\""', '(= name "say \\"hi\\"")'],
    ['name = "back\\\\slash"', '(= name "back\\\\slash")'],
    ['name = ""', '(= name "")'],
    ['name = "tab\there é 😀"', '(= name "tab\\there é 😀")'],
    ['homeowner = true', '(= homeowner true)'],
    ['homeowner != false', '(!= homeowner false)'],
    ['birthDate < date("2000-02-29")', '(< birthDate date:2000-02-29)'],
    ['lastSeen >= datetime("2026-01-31T09:30:00Z")', '(>= lastSeen datetime:2026-01-31T09:30:00.000000)'],
    ['lastSeen >= datetime("2026-01-31T09:30:00.5+02:00")', '(>= lastSeen datetime:2026-01-31T07:30:00.500000)'],
    ['lastSeen >= datetime("2026-01-01T00:30-01:00")', '(>= lastSeen datetime:2026-01-01T01:30:00.000000)'],
    ['lastSeen >= datetime("2026-01-31")', '(>= lastSeen datetime:2026-01-31T00:00:00.000000)'],
    ['lastSeen >= datetime("2026-01-31 09:30:00.123456")', '(>= lastSeen datetime:2026-01-31T09:30:00.123456)'],
    ['homeAddress.state in ["CA", "OR", "WA"]', '(in homeAddress.state "CA" "OR" "WA")'],
    ['age in [30]', '(in age 30)'],
    ['age not in [1, 2]', '(not-in age 1 2)'],
    ['age between 30 and 55', '(between age 30 55)'],
    ['birthDate between date("1980-01-01") and date("1989-12-31")', '(between birthDate date:1980-01-01 date:1989-12-31)'],
    ['interests contains "golf"', '(contains interests "golf")'],
    ['email startsWith "a"', '(startsWith email "a")'],
    ['email endsWith "@x.com"', '(endsWith email "@x.com")'],
    ['email exists', '(exists email)'],
    ['email not exists', '(not-exists email)'],
    ['not age = 1', '(not (= age 1))'],
    ['not not age = 1', '(not (not (= age 1)))'],
    ['a = 1 and b = 2 and c = 3', '(and (= a 1) (= b 2) (= c 3))'],
    ['a = 1 or b = 2 and c = 3', '(or (= a 1) (and (= b 2) (= c 3)))'],
    ['a = 1 and b = 2 or c = 3', '(or (and (= a 1) (= b 2)) (= c 3))'],
    ['(a = 1 or b = 2) and c = 3', '(and (or (= a 1) (= b 2)) (= c 3))'],
    ['not a = 1 or b = 2', '(or (not (= a 1)) (= b 2))'],
    ['not a = 1 and b = 2', '(and (not (= a 1)) (= b 2))'],
    ['not (a = 1 or b = 2)', '(not (or (= a 1) (= b 2)))'],
    ['age between 30 and 55 and b = 2', '(and (between age 30 55) (= b 2))'],
    ['((age = 1))', '(= age 1)'],
    ['  age\n  = 1\r\n\tand b exists  ', '(and (= age 1) (exists b))'],
    [
      'homeAddress.state in ["CA", "OR", "WA"] and age between 30 and 55\n  and (interests contains "golf" or not incomeBand = "A") and email exists',
      '(and (in homeAddress.state "CA" "OR" "WA") (between age 30 55) (or (contains interests "golf") (not (= incomeBand "A"))) (exists email))',
    ],
    // Keyword-like words inside a dotted path are plain path segments; date/datetime are fields unless called.
    ['profile.in = 1', '(= profile.in 1)'],
    ['date = date("2020-01-01")', '(= date date:2020-01-01)'],
    ['andy = 1', '(= andy 1)'],
  ];
  test.each(valid)('%j', (text, expected) => {
    expect(sexpr(parsed(text))).toBe(expected);
  });
});

describe('parseRule keeps source offsets on every node', () => {
  test('predicate, field, operator and value spans', () => {
    const text = 'x = 1 and homeAddress.state not in ["CA", "OR"]';
    const rule = parsed(text);
    if (rule.kind !== 'and') throw new Error('expected and');
    expect([rule.start, rule.end]).toEqual([0, text.length]);
    const p = rule.operands[1];
    if (p.kind !== 'in') throw new Error('expected in');
    expect(text.slice(p.start, p.end)).toBe('homeAddress.state not in ["CA", "OR"]');
    expect(text.slice(p.field.start, p.field.end)).toBe('homeAddress.state');
    expect(text.slice(p.opStart, p.opEnd)).toBe('not in');
    expect(p.values.map((v) => text.slice(v.start, v.end))).toEqual(['"CA"', '"OR"']);
  });

  test('groups, not, dates and between', () => {
    const text = 'not (d between date("2020-01-01") and date("2020-12-31"))';
    const rule = parsed(text);
    if (rule.kind !== 'not' || rule.operand.kind !== 'group') throw new Error('expected not (group)');
    expect([rule.start, rule.end]).toEqual([0, text.length]);
    expect(text.slice(rule.operand.start, rule.operand.end)).toBe(text.slice(4));
    const b = rule.operand.inner;
    if (b.kind !== 'between') throw new Error('expected between');
    expect(text.slice(b.low.start, b.low.end)).toBe('date("2020-01-01")');
    expect(text.slice(b.high.start, b.high.end)).toBe('date("2020-12-31")');
    expect(text.slice(b.opStart, b.opEnd)).toBe('between');
  });
});

describe('parseRule rejects invalid rules with a code, a message and the offending token', () => {
  // [rule, code, message, offending text (located by offset and length)]
  const invalid: [string, string, string, string][] = [
    ['', 'audience-syntax-error', 'the rule is empty: write a condition such as age >= 18', ''],
    ['   ', 'audience-syntax-error', 'the rule is empty: write a condition such as age >= 18', '   '],
    ['age =', 'audience-syntax-error', 'expected a value after "=", found end of rule', ''],
    ['age = and b = 1', 'audience-syntax-error', 'expected a value after "=", found "and"', 'and'],
    ['age == 30', 'audience-unknown-operator', 'unknown operator "==": use "="', '=='],
    ['age <> 30', 'audience-unknown-operator', 'unknown operator "<>": use "!="', '<>'],
    ['age => 30', 'audience-unknown-operator', 'unknown operator "=>": use ">="', '=>'],
    ['a = 1 && b = 2', 'audience-unknown-operator', 'unknown operator "&&": use "and"', '&&'],
    ['a = 1 || b = 2', 'audience-unknown-operator', 'unknown operator "||": use "or"', '||'],
    ['!(a = 1)', 'audience-unknown-operator', 'unknown operator "!": use "not" to negate a condition, or "!=" to compare', '!'],
    ['a = 1 AND b = 2', 'audience-unknown-operator', 'unknown operator "AND": keywords are lowercase, use "and"', 'AND'],
    ['a IN [1]', 'audience-unknown-operator', 'unknown operator "IN": keywords are lowercase, use "in"', 'IN'],
    ['email startswith "a"', 'audience-unknown-operator', 'unknown operator "startswith": keywords are lowercase, use "startsWith"', 'startswith'],
    ['email like "%a"', 'audience-unknown-operator', 'unknown operator "like": use contains, startsWith or endsWith', 'like'],
    ['email is null', 'audience-unknown-operator', 'unknown operator "is": use "=" to compare, or "exists" / "not exists" to test for a value', 'is'],
    ['name = "abc', 'audience-unterminated-string', 'unterminated string starting here: close it with " before the end of the line', '"abc'],
    ['name = "abc\nand b = 1"', 'audience-unterminated-string', 'unterminated string starting here: close it with " before the end of the line', '"abc'],
    ['name = "abc\\', 'audience-unterminated-string', 'unterminated string starting here: close it with " before the end of the line', '"abc\\'],
    ['name = "a\\nb"', 'audience-invalid-literal', 'unknown escape "\\n" in a string: only \\" and \\\\ are allowed', '\\n'],
    ['name = "a\u0001"', 'audience-invalid-literal', 'control character U+0001 inside a string', '\u0001'],
    ["name = 'CA'", 'audience-syntax-error', 'strings are written in double quotes, not single quotes: write "CA"', "'CA'"],
    ['state = CA', 'audience-syntax-error', 'expected a value after "=", found "CA": write strings in double quotes, "CA" (comparing two fields is not supported)', 'CA'],
    ['age = 1e5', 'audience-invalid-literal', 'invalid number "1e5": exponents are not supported: write the plain decimal number', '1e5'],
    ['age = 1.', 'audience-invalid-literal', 'invalid number "1.": write digits after the decimal point, e.g. 1.0', '1.'],
    ['age = .5', 'audience-invalid-literal', 'invalid number ".5": write 0.5', '.5'],
    ['age = 1.2.3', 'audience-invalid-literal', 'invalid number "1.2.3": write digits with an optional decimal point, e.g. 42 or -3.5', '1.2.3'],
    ['age = 12345678901234567890', 'audience-invalid-literal', 'number "12345678901234567890" is too precise: integers are limited to ±9007199254740991', '12345678901234567890'],
    ['x = 0.1234567890123456', 'audience-invalid-literal', 'number "0.1234567890123456" is too precise: decimals are limited to 15 significant digits', '0.1234567890123456'],
    ['age = - 5', 'audience-syntax-error', 'unexpected "-": write a negative number with no space after the sign, e.g. -5', '-'],
    ['age = 5 @', 'audience-syntax-error', 'unexpected character "@" (U+0040)', '@'],
    ['age\u00a0= 5', 'audience-syntax-error', 'unexpected character U+00A0', '\u00a0'],
    ['a. = 1', 'audience-syntax-error', 'expected a field name after "." in "a."', 'a.'],
    ['age', 'audience-syntax-error', 'expected an operator after "age" (=, !=, <, <=, >, >=, in, not in, between, contains, startsWith, endsWith, exists, not exists), found end of rule', ''],
    ['age 30', 'audience-syntax-error', 'expected an operator after "age" (=, !=, <, <=, >, >=, in, not in, between, contains, startsWith, endsWith, exists, not exists), found the number 30', '30'],
    ['age not = 30', 'audience-syntax-error', 'expected "in" or "exists" after "not", found "=": to negate a comparison write "not" before the field, e.g. not age = ..., or use "!="', '='],
    ['age in 1, 2', 'audience-syntax-error', 'expected "[" after "in", found the number 1: write the values in brackets, e.g. in [1]', '1'],
    ['age in []', 'audience-syntax-error', 'empty list: "in" and "not in" need at least one value', '[]'],
    ['age in [1, 2', 'audience-syntax-error', 'unclosed "[": add a matching "]"', '['],
    ['age in [1 2]', 'audience-syntax-error', 'expected "," or "]" in the list, found the number 2', '2'],
    ['age in [1, ]', 'audience-syntax-error', 'expected a value after ",", found "]"', ']'],
    ['age = [1]', 'audience-syntax-error', 'expected a value after "=", found "[": use "in" to compare with a list', '['],
    ['age between 1 5', 'audience-syntax-error', 'expected "and" after the lower bound of "between", found the number 5: write between 30 and 55', '5'],
    ['age between 1 and', 'audience-syntax-error', 'expected a value after "and", found end of rule', ''],
    ['(age = 1', 'audience-syntax-error', 'unclosed "(": add a matching ")"', '('],
    ['(age = 1 b = 2)', 'audience-syntax-error', 'expected "and", "or" or ")", found "b"', 'b'],
    ['age = 1)', 'audience-syntax-error', 'unexpected ")": there is no "(" for it to close', ')'],
    ['age = 1 b = 2', 'audience-syntax-error', 'expected "and" or "or" between conditions, found "b"', 'b'],
    ['()', 'audience-syntax-error', 'expected a condition after "(" (a field name, "not" or "("), found ")"', ')'],
    ['age = 1 and', 'audience-syntax-error', 'expected a condition after "and" (a field name, "not" or "("), found end of rule', ''],
    ['age = 1 or or b = 1', 'audience-syntax-error', 'expected a condition after "or" (a field name, "not" or "("), found "or"', 'or'],
    ['= 5', 'audience-syntax-error', 'expected a condition (a field name, "not" or "("), found "="', '='],
    ['"CA" = state', 'audience-syntax-error', 'expected a field name, found the string "CA": a condition starts with the field, e.g. age >= 18', '"CA"'],
    ['d = date(2020-01-01)', 'audience-syntax-error', 'expected a string inside date(...), found the number 2020: write date("2026-01-31")', '2020'],
    ['d = date("2020-01-01"', 'audience-syntax-error', 'expected ")" to close date(, found end of rule', ''],
    ['d = date', 'audience-syntax-error', 'expected "(" after "date": write date("2026-01-31")', ''],
    ['d = date("2021-02-29")', 'audience-invalid-literal', 'invalid date "2021-02-29": write a real calendar day as YYYY-MM-DD, e.g. date("2026-01-31")', '"2021-02-29"'],
    ['d = date("31/01/2026")', 'audience-invalid-literal', 'invalid date "31/01/2026": write a real calendar day as YYYY-MM-DD, e.g. date("2026-01-31")', '"31/01/2026"'],
    [
      't > datetime("2026-01-31T25:00:00Z")',
      'audience-invalid-literal',
      'invalid datetime "2026-01-31T25:00:00Z": write ISO 8601 with at most 6 fraction digits, e.g. datetime("2026-01-31T09:30:00Z") (no zone means UTC)',
      '"2026-01-31T25:00:00Z"',
    ],
    [
      't > datetime("2026-01-31T10:00:00.1234567Z")',
      'audience-invalid-literal',
      'invalid datetime "2026-01-31T10:00:00.1234567Z": write ISO 8601 with at most 6 fraction digits, e.g. datetime("2026-01-31T09:30:00Z") (no zone means UTC)',
      '"2026-01-31T10:00:00.1234567Z"',
    ],
    ['name = lower("x")', 'audience-unknown-function', 'unknown function "lower": the only functions are date("YYYY-MM-DD") and datetime("YYYY-MM-DDTHH:MM:SSZ")', 'lower('],
    [
      'lower(name) = "x"',
      'audience-unknown-function',
      'unknown function "lower": a condition starts with a field name, and the only functions are date("YYYY-MM-DD") and datetime("YYYY-MM-DDTHH:MM:SSZ")',
      'lower(',
    ],
    ['age = 1 and ((((x = 1', 'audience-syntax-error', 'unclosed "(": add a matching ")"', '('],
  ];
  test.each(invalid)('%j -> %s', (text, code, message, token) => {
    const r = parseRule(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toBe(message);
    expect(r.error.severity).toBe('error');
    expect(text.slice(r.error.offset, r.error.offset + r.error.length)).toBe(token);
  });

  test('points at the end of the rule when input runs out', () => {
    const r = parseRule('age = ');
    expect(!r.ok && r.error.offset).toBe(6);
  });

  test('reports the leftmost problem when there are several', () => {
    const r = parseRule('a == 1 and b = "x');
    expect(!r.ok && [r.error.code, r.error.offset]).toEqual(['audience-unknown-operator', 2]);
  });
});

describe('parseRule rejects events and time series: prospect audiences are attribute-only', () => {
  const message = (name: string): string =>
    `"${name}" refers to events or time series: prospect audiences are attribute-only and batch-only, so a rule can test only the profile's own fields`;
  const cases: [string, string, string][] = [
    ['xEvent.eventType = "web.webpagedetails.pageViews"', 'xEvent', 'xEvent'],
    ['events exists', 'events', 'events'],
    ['timeSeries.count > 3', 'timeSeries', 'timeSeries'],
    ['count(xEvent) > 3', 'count(', 'count('],
    ['chain(xEvent, timestamp, [A])', 'chain', 'chain'],
    ['x = 1 and occurs(xEvent) = true', 'occurs', 'occurs'],
    ['a = count(1)', 'count(', 'count('],
    ['a occurs > 2', 'occurs', 'occurs'],
    ['a = xEvent.b', 'xEvent', 'xEvent'],
  ];
  test.each(cases)('%j', (text, name, token) => {
    const r = parseRule(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('audience-not-attribute-only');
    expect(r.error.message).toBe(message(name));
    expect(text.slice(r.error.offset, r.error.offset + r.error.length)).toBe(token);
  });
});

describe('parseRule bounds nesting instead of overflowing the stack', () => {
  test('64 levels parse, 65 are rejected at the 65th', () => {
    expect(parseRule('('.repeat(64) + 'a = 1' + ')'.repeat(64)).ok).toBe(true);
    const deep = '('.repeat(65) + 'a = 1' + ')'.repeat(65);
    const r = parseRule(deep);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('audience-rule-too-complex');
    expect(r.error.message).toBe('the rule nests parentheses and "not" more than 64 levels deep: simplify it');
    expect(r.error.offset).toBe(64);
  });

  test('a very deep rule is a problem, not a crash', () => {
    const r = parseRule('not '.repeat(100000) + 'a = 1');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('audience-rule-too-complex');
  });

  test('long flat chains are fine', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `a = ${i}`).join(' or ');
    const r = parseRule(text);
    expect(r.ok && r.rule.kind === 'or' && r.rule.operands.length).toBe(20000);
  });

  test('a non-string input is a problem, not a crash', () => {
    const r = parseRule(42 as unknown as string);
    expect(!r.ok && r.error.message).toBe('a rule must be a string, found number');
  });
});
