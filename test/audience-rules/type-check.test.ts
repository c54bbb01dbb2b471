import { parseRule } from '../../audience-rules/parser';
import { RuleProblem } from '../../audience-rules/problem';
import { checkRule } from '../../audience-rules/type-check';
import { fields } from './fixtures';

function check(text: string): RuleProblem[] {
  const r = parseRule(text);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.error.message}`);
  return checkRule(r.rule, fields);
}

/** [code, severity, message, offending text] of each problem, in order. */
function summarize(text: string, problems: RuleProblem[]): [string, string, string, string][] {
  return problems.map((p) => [p.code, p.severity ?? 'error', p.message, text.slice(p.offset, p.offset + p.length)]);
}

const N = Object.keys(fields).length; // 13 declared + 6 class fields

describe('checkRule accepts well-typed rules', () => {
  const valid = [
    'homeAddress.state in ["CA", "OR", "WA"] and age between 30 and 55 and (interests contains "golf" or not incomeBand = "A") and hashedEmail exists',
    'age = 30',
    'age > 30.5',
    'netWorth >= 100',
    'netWorth between -5 and 10.25',
    'householdSize in [1, 2]',
    'homeowner = true and homeowner != false',
    'homeowner in [true]',
    'homeowner exists',
    'birthDate < date("2000-01-01")',
    'birthDate between date("1980-01-01") and date("1989-12-31")',
    'lastVerified >= datetime("2026-01-01T00:00:00Z")',
    'createDate > datetime("2025-06-01T12:00:00+02:00") and partnerId exists and _id startsWith "p-"',
    'firstName < "M"',
    'lastName endsWith "son" and firstName not exists',
    'incomeBand not in ["A", "B"]',
    'age between 30 and 30',
  ];
  test.each(valid)('%j', (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe('checkRule reports problems with code, severity, message and position', () => {
  const invalid: [string, [string, string, string, string][]][] = [
    [
      'homeAdress.state = "CA"',
      [['audience-unknown-field', 'error', `unknown field "homeAdress.state": did you mean "homeAddress.state"? (the schema has ${N} fields)`, 'homeAdress.state']],
    ],
    ['AGE = 3', [['audience-unknown-field', 'error', `unknown field "AGE": did you mean "age"? (the schema has ${N} fields)`, 'AGE']]],
    ['state = "CA"', [['audience-unknown-field', 'error', `unknown field "state": did you mean "homeAddress.state"? (the schema has ${N} fields)`, 'state']]],
    ['shoeSize > 9', [['audience-unknown-field', 'error', `unknown field "shoeSize": the schema has ${N} fields, none with a similar name`, 'shoeSize']]],
    [
      'homeAddress.postalCode = 94107',
      [['audience-type-mismatch', 'error', '"homeAddress.postalCode" is a string field, but the number 94107 is compared with it: quote it, "94107"', '94107']],
    ],
    ['age = "30"', [['audience-type-mismatch', 'error', '"age" is an integer field, but the string "30" is compared with it: write 30 without quotes', '"30"']]],
    ['netWorth > "lots"', [['audience-type-mismatch', 'error', '"netWorth" is a number field, but the string "lots" is compared with it: compare with a number, e.g. 42', '"lots"']]],
    ['age = true', [['audience-type-mismatch', 'error', '"age" is an integer field, but the boolean true is compared with it: compare with a number, e.g. 42', 'true']]],
    ['homeowner = "true"', [['audience-type-mismatch', 'error', '"homeowner" is a boolean field, but the string "true" is compared with it: write true without quotes', '"true"']]],
    ['homeowner = 1', [['audience-type-mismatch', 'error', '"homeowner" is a boolean field, but the number 1 is compared with it: compare with true or false', '1']]],
    [
      'birthDate < "2000-01-01"',
      [['audience-type-mismatch', 'error', '"birthDate" is a date field, but the string "2000-01-01" is compared with it: write date("2000-01-01")', '"2000-01-01"']],
    ],
    [
      'birthDate < datetime("2000-01-01T10:00:00Z")',
      [
        [
          'audience-type-mismatch',
          'error',
          '"birthDate" is a date field, but the datetime datetime("2000-01-01T10:00:00Z") is compared with it: compare with a date, date("2000-01-01")',
          'datetime("2000-01-01T10:00:00Z")',
        ],
      ],
    ],
    [
      'lastVerified > date("2026-01-01")',
      [
        [
          'audience-type-mismatch',
          'error',
          '"lastVerified" is a datetime field, but the date date("2026-01-01") is compared with it: compare with a datetime, datetime("2026-01-01T00:00:00Z")',
          'date("2026-01-01")',
        ],
      ],
    ],
    [
      'lastVerified > "2026-01-01T10:00:00Z"',
      [
        [
          'audience-type-mismatch',
          'error',
          '"lastVerified" is a datetime field, but the string "2026-01-01T10:00:00Z" is compared with it: write datetime("2026-01-01T10:00:00Z")',
          '"2026-01-01T10:00:00Z"',
        ],
      ],
    ],
    [
      'firstName = date("2026-01-01")',
      [['audience-type-mismatch', 'error', '"firstName" is a string field, but the date date("2026-01-01") is compared with it: quote it, "2026-01-01"', 'date("2026-01-01")']],
    ],
    [
      'homeowner > false',
      [['audience-type-mismatch', 'error', 'operator ">" does not apply to boolean field "homeowner": booleans have no order; use = true, = false or exists', '>']],
    ],
    [
      'homeowner between false and true',
      [['audience-type-mismatch', 'error', 'operator "between" does not apply to boolean field "homeowner": booleans have no order; use = true, = false or exists', 'between']],
    ],
    ['age contains "3"', [['audience-type-mismatch', 'error', '"contains" applies only to string fields, but "age" is an integer: use =, !=, in, <, >, between', 'contains']]],
    ['homeowner startsWith "t"', [['audience-type-mismatch', 'error', '"startsWith" applies only to string fields, but "homeowner" is a boolean: use =, !=, in', 'startsWith']]],
    ['interests endsWith 5', [['audience-type-mismatch', 'error', '"interests" is a string field, but the number 5 is compared with it: quote it, "5"', '5']]],
    [
      'age in [30, "40", 50, true]',
      [
        ['audience-type-mismatch', 'error', '"age" is an integer field, but the string "40" is compared with it: write 40 without quotes', '"40"'],
        ['audience-type-mismatch', 'error', '"age" is an integer field, but the boolean true is compared with it: compare with a number, e.g. 42', 'true'],
      ],
    ],
    [
      'age between "30" and 55',
      [['audience-type-mismatch', 'error', '"age" is an integer field, but the string "30" is compared with it: write 30 without quotes', '"30"']],
    ],
    [
      'incomeBand = "E"',
      [['audience-value-not-in-enum', 'warning', '"E" is not one of the values of "incomeBand" ("A", "B", "C", "D"): no profile can have this value', '"E"']],
    ],
    [
      'incomeBand != "a"',
      [['audience-value-not-in-enum', 'warning', '"a" is not one of the values of "incomeBand" ("A", "B", "C", "D"): did you mean "A"? no profile can have this value', '"a"']],
    ],
    [
      'homeAddress.state in ["CA", "Oregon", "WA"]',
      [
        [
          'audience-value-not-in-enum',
          'warning',
          '"Oregon" is not one of the values of "homeAddress.state" ("CA", "OR", "WA", "NY", "TX"): no profile can have this value',
          '"Oregon"',
        ],
      ],
    ],
    [
      'householdSize not in [2, 9]',
      [['audience-value-not-in-enum', 'warning', '9 is not one of the values of "householdSize" (1, 2, 3, 4, 5): no profile can have this value', '9']],
    ],
    [
      'age between 55 and 30',
      [['audience-empty-range', 'warning', '"between 55 and 30" matches nothing: the lower bound comes first, write between 30 and 55', '55 and 30']],
    ],
    [
      'birthDate between date("2000-01-01") and date("1999-12-31")',
      [
        [
          'audience-empty-range',
          'warning',
          '"between date("2000-01-01") and date("1999-12-31")" matches nothing: the lower bound comes first, write between date("1999-12-31") and date("2000-01-01")',
          'date("2000-01-01") and date("1999-12-31")',
        ],
      ],
    ],
    // Every problem is reported, in rule order, not only the first.
    [
      'agee > 3 and homeowner = "yes" or (incomeBand = "Z" and nope exists)',
      [
        ['audience-unknown-field', 'error', `unknown field "agee": did you mean "age"? (the schema has ${N} fields)`, 'agee'],
        ['audience-type-mismatch', 'error', '"homeowner" is a boolean field, but the string "yes" is compared with it: compare with true or false', '"yes"'],
        ['audience-value-not-in-enum', 'warning', '"Z" is not one of the values of "incomeBand" ("A", "B", "C", "D"): no profile can have this value', '"Z"'],
        ['audience-unknown-field', 'error', `unknown field "nope": the schema has ${N} fields, none with a similar name`, 'nope'],
      ],
    ],
  ];
  test.each(invalid)('%j', (text, expected) => {
    expect(summarize(text, check(text))).toEqual(expected);
  });
});

describe('checkRule edge cases', () => {
  test('a field named like an Object.prototype member is unknown, not inherited', () => {
    expect(check('constructor exists').map((p) => p.code)).toEqual(['audience-unknown-field']);
  });

  test('an empty schema suggests nothing', () => {
    const r = parseRule('age = 1');
    if (!r.ok) throw new Error('parse');
    expect(checkRule(r.rule, {})[0].message).toBe('unknown field "age": the schema has 0 fields, none with a similar name');
  });
});
