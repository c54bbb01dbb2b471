// The audience-rule rule reports the audience language's own codes (audience-*), positioned at
// the offending token inside the YAML string, whatever the scalar style.
import { edit, put } from '../fixtures';
import { ruleTable } from '../rule-table';

const RULE = 'rule: age between 30 and 55 and incomeBand in ["A", "B"]';
const rule = (to: string) => edit('audiences.yaml', RULE, to);

ruleTable('audience-rule', {
  valid: [
    { name: 'the base rule', patches: [] },
    { name: 'every operator over fields of the schema', patches: [rule('rule: not (age < 18 or age >= 99) and incomeBand != "C" and incomeBand not in ["C"] and partnerId startsWith "Mc" and hashedEmail exists and hashedEmail not exists or hashedEmail contains "x" or partnerId endsWith "son" or partnerId = "P1"')] },
    { name: 'a rule as a block scalar', patches: [rule('rule: |\n    age between 30 and 55\n    and incomeBand in ["A", "B"]')] },
    { name: 'a rule over a class field', patches: [rule('rule: createDate > datetime("2026-01-01T00:00:00Z")')] },
  ],
  invalid: [
    {
      name: 'an unknown field (with a suggestion), at the field inside the string',
      patches: [rule('rule: age between 30 and 55 and incomeBnd in ["A", "B"]')],
      diagnostics: [
        {
          code: 'audience-unknown-field',
          message: 'unknown field "incomeBnd": did you mean "incomeBand"?',
          at: ['audiences.yaml', 'incomeBnd'],
          path: '$.spec.rule',
        },
      ],
    },
    {
      name: 'a syntax error at the offending token',
      patches: [rule('rule: age between 30 55')],
      diagnostics: [{ code: 'audience-syntax-error', message: 'expected "and" after the lower bound of "between", found the number 55: write between 30 and 55', at: ['audiences.yaml', '30 55', '55'] }],
    },
    {
      name: 'a type mismatch at the value',
      patches: [rule('rule: age = "thirty"')],
      diagnostics: [{ code: 'audience-type-mismatch', message: '"age" is an integer field, but the string "thirty" is compared with it: compare with a number, e.g. 42', at: ['audiences.yaml', '"thirty"'] }],
    },
    {
      name: 'a reference to events (not attribute-only)',
      patches: [rule('rule: age > 30 and xEvent.type = "purchase"')],
      diagnostics: [{ code: 'audience-not-attribute-only', message: '"xEvent" refers to events or time series: prospect audiences are attribute-only and batch-only', at: ['audiences.yaml', 'xEvent'] }],
    },
    {
      name: 'an operator from another language',
      patches: [rule('rule: age == 30')],
      diagnostics: [{ code: 'audience-unknown-operator', message: 'unknown operator "==": use "="', at: ['audiences.yaml', '=='] }],
    },
    {
      name: 'a value outside the enum is a warning (the set stays valid)',
      patches: [rule('rule: incomeBand = "Z"')],
      diagnostics: [{ code: 'audience-value-not-in-enum', message: '"Z" is not one of the values of "incomeBand" ("A", "B", "C"): no profile can have this value', at: ['audiences.yaml', '"Z"'], severity: 'warning' }],
    },
    {
      name: 'an empty between range is a warning',
      patches: [rule('rule: age between 55 and 30')],
      diagnostics: [{ code: 'audience-empty-range', message: '"between 55 and 30" matches nothing', at: ['audiences.yaml', '55 and 30', '55'], severity: 'warning' }],
    },
    {
      name: 'every type problem of a rule at once',
      patches: [rule('rule: age = "x" or incomeBand > 3 or agee exists')],
      diagnostics: [
        { code: 'audience-type-mismatch', message: 'the string "x" is compared with it', at: ['audiences.yaml', '"x"'] },
        { code: 'audience-type-mismatch', message: 'the number 3 is compared with it', at: ['audiences.yaml', '> 3', '3'] },
        { code: 'audience-unknown-field', message: 'unknown field "agee"', at: ['audiences.yaml', 'agee'] },
      ],
    },
    {
      name: 'inside a double-quoted YAML string with escapes',
      patches: [rule('rule: "incomeBand = \\"A\\" and agee > 1"')],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "agee"', at: ['audiences.yaml', 'agee'] }],
    },
    {
      name: 'a warning at an escaped quote inside a double-quoted YAML string points at the backslash',
      patches: [rule('rule: "age > 1 and incomeBand = \\"Z\\""')],
      diagnostics: [{ code: 'audience-value-not-in-enum', message: '"Z" is not one of the values', at: ['audiences.yaml', '\\"Z\\"'], severity: 'warning' }],
    },
    {
      name: "inside a single-quoted YAML string with a '' escape",
      patches: [rule(`rule: 'partnerId = "O''Neil" and agee > 1'`)],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "agee"', at: ['audiences.yaml', 'agee'] }],
    },
    {
      name: 'on the second line of a literal block scalar',
      patches: [rule('rule: |\n    age between 30 and 55\n      and incomeBnd in ["A", "B"]')],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "incomeBnd"', at: ['audiences.yaml', 'incomeBnd'] }],
    },
    {
      name: 'on the third line of a folded block scalar',
      patches: [rule('rule: >-\n    age between 30 and 55\n    and incomeBand in ["A", "B"]\n    or agee > 1')],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "agee"', at: ['audiences.yaml', 'agee'] }],
    },
    {
      name: 'on a continuation line of a multi-line plain scalar',
      patches: [rule('rule: age between 30 and 55\n    and incomeBnd in ["A", "B"]')],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "incomeBnd"', at: ['audiences.yaml', 'incomeBnd'] }],
    },
    {
      name: 'an empty rule is a schema error, not a parse error',
      patches: [rule('rule: ""')],
      diagnostics: [{ code: 'invalid-value', message: 'spec.rule is "": must NOT have fewer than 1 characters', at: ['audiences.yaml', 'rule: ""', '""'] }],
    },
    {
      name: 'a rule in a second audience document of the same file',
      patches: [
        put(
          'audiences.yaml',
          'apiVersion: prospect/v1\nkind: Audience\nmetadata:\n  name: affluent-adults\nspec:\n  dataset: prospects\n  rule: age > 30\n  schedule: "0 8 * * *"\n---\napiVersion: prospect/v1\nkind: Audience\nmetadata:\n  name: by-band\nspec:\n  dataset: prospects\n  rule: incomeBand in ["A", "B"] and ages > 3\n  schedule: "0 8 * * *"\n',
        ),
      ],
      diagnostics: [{ code: 'audience-unknown-field', message: 'unknown field "ages": did you mean "age"?', at: ['audiences.yaml', 'ages'] }],
    },
  ],
});
