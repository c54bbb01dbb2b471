import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const AGE = '    age:\n      type: integer\n      minimum: 18\n      maximum: 120\n';
const withAge = (extra: string) => edit('schema.yaml', AGE, `${AGE}${extra}`);

ruleTable('field-constraints', {
  valid: [
    { name: 'the base set', patches: [] },
    {
      name: 'fitting constraints of every type',
      patches: [
        withAge(
          '    score:\n      type: number\n      minimum: -1.5\n      maximum: 1.5\n      enum: [-1.5, 0, 1.5]\n    code:\n      type: string\n      minLength: 2\n      maxLength: 2\n      pattern: "^[A-Z]{2}$"\n    birthDate:\n      type: date\n    seen:\n      type: datetime\n    homeOwner:\n      type: boolean\n',
        ),
      ],
    },
  ],
  invalid: [
    {
      name: 'minLength on an integer field, at the key',
      patches: [withAge('      minLength: 2\n')],
      diagnostics: [
        {
          code: 'field-constraints',
          message: 'field "age": minLength applies to strings only, and the field is integer: remove it or change the type',
          at: ['schema.yaml', 'minLength: 2', 'minLength'],
          path: '$.spec.fields.age.minLength',
        },
      ],
    },
    {
      name: 'pattern on an integer field',
      patches: [withAge("      pattern: '^[0-9]+$'\n")],
      diagnostics: [{ code: 'field-constraints', message: 'field "age": pattern applies to strings only, and the field is integer', at: ['schema.yaml', "pattern: '^[0-9]+$'", 'pattern'] }],
    },
    {
      name: 'minimum on a string field',
      patches: [edit('schema.yaml', 'enum: [A, B, C]', 'enum: [A, B, C]\n      minimum: 1')],
      diagnostics: [{ code: 'field-constraints', message: 'field "incomeBand": minimum applies to integer and number fields only, and the field is string: remove it', at: ['schema.yaml', 'minimum: 1\n', 'minimum'] }],
    },
    {
      name: 'minimum above maximum, at maximum',
      patches: [edit('schema.yaml', 'minimum: 18', 'minimum: 130')],
      diagnostics: [{ code: 'field-constraints', message: 'field "age": maximum 120 is below minimum 130', at: ['schema.yaml', 'maximum: 120', 'maximum'] }],
    },
    {
      name: 'minLength above maxLength, at maxLength',
      patches: [edit('schema.yaml', 'maxLength: 100', 'maxLength: 100\n      minLength: 200')],
      diagnostics: [{ code: 'field-constraints', message: 'field "person.lastName": maxLength 100 is below minLength 200', at: ['schema.yaml', 'maxLength: 100', 'maxLength'], path: '$.spec.fields["person.lastName"].maxLength' }],
    },
    {
      name: 'enum on a boolean field',
      patches: [withAge('    homeOwner:\n      type: boolean\n      enum: [Y, N]\n')],
      diagnostics: [{ code: 'field-constraints', message: 'field "homeOwner": enum is not supported on boolean fields', at: ['schema.yaml', 'enum: [Y, N]', 'enum'] }],
    },
    {
      name: 'an enum value of the wrong type',
      patches: [edit('schema.yaml', 'enum: [A, B, C]', 'enum: [A, B, 3]')],
      diagnostics: [{ code: 'field-constraints', message: 'field "incomeBand": enum value 3 is not a string', at: ['schema.yaml', 'enum: [A, B, 3]', 'enum'] }],
    },
    {
      name: 'a fractional enum value on an integer field',
      patches: [withAge('      enum: [18, 18.5]\n')],
      diagnostics: [{ code: 'field-constraints', message: 'field "age": enum value 18.5 is not an integer', at: ['schema.yaml', 'enum: [18, 18.5]', 'enum'] }],
    },
    {
      name: 'a pattern that is not a regular expression',
      patches: [edit('schema.yaml', "pattern: '^[a-f0-9]{64}$'", "pattern: '^[a-f0-9{64}$'")],
      diagnostics: [{ code: 'field-constraints', message: 'field "hashedEmail": pattern "^[a-f0-9{64}$" is not a valid regular expression (', at: ['schema.yaml', "pattern: '^[a-f0-9{64}$'", 'pattern'] }],
    },
    {
      name: 'a pattern with lookahead (not RE2)',
      patches: [edit('schema.yaml', "pattern: '^[a-f0-9]{64}$'", "pattern: '^(?=.*[a-f])[a-f0-9]{64}$'")],
      diagnostics: [{ code: 'field-constraints', message: 'uses lookaround, which RE2 (DuckDB, Athena) does not support', at: ['schema.yaml', "pattern: '^(?=", 'pattern'] }],
    },
    {
      name: 'a pattern with a backreference (not RE2)',
      patches: [edit('schema.yaml', "pattern: '^[a-f0-9]{64}$'", "pattern: '^(ab)\\1$'")],
      diagnostics: [{ code: 'field-constraints', message: 'field "hashedEmail": pattern "^(ab)\\\\1$" uses a backreference, which RE2 (DuckDB, Athena) does not support', at: ['schema.yaml', "pattern: '^(ab)", 'pattern'] }],
    },
    {
      name: 'several problems on one field, each at its key',
      patches: [withAge('    flag:\n      type: boolean\n      minLength: 1\n      maximum: 2\n')],
      diagnostics: [
        { code: 'field-constraints', message: 'field "flag": minLength applies to strings only, and the field is boolean', at: ['schema.yaml', 'minLength: 1', 'minLength'] },
        { code: 'field-constraints', message: 'field "flag": maximum applies to integer and number fields only, and the field is boolean', at: ['schema.yaml', 'maximum: 2', 'maximum'] },
      ],
    },
  ],
});
