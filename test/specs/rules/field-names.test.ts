import { validateLoaded } from '../../../specs/validate';
import { loadSpecTexts } from '../../../specs/loader';

const base = (fields: string, labels = '    "*": [THIRD_PARTY]\n') => [
  { file: 'ns.yaml', text: 'apiVersion: prospect/v1\nkind: IdentityNamespace\nmetadata: {name: partner-id}\nspec: {code: PARTNER_ID, type: partner}\n' },
  {
    file: 'schema.yaml',
    text: `apiVersion: prospect/v1\nkind: Schema\nmetadata: {name: prospects}\nspec:\n  class: individual-prospect-profile\n  primaryIdentity: {field: partnerId, namespace: partner-id}\n  fields:\n${fields}  labels:\n${labels}`,
  },
];

const diagnostics = (fields: string) => validateLoaded(loadSpecTexts(base(fields))).diagnostics.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`);

describe('rule field-names', () => {
  test.each([
    ['distinct fields', '    age: {type: integer}\n    homeAddress.state: {type: string}\n'],
    ['snake and camel case that stay distinct', '    last_name: {type: string}\n    lastName2: {type: string}\n'],
  ])('accepts %s', (_n, fields) => {
    expect(diagnostics(fields)).toEqual([]);
  });

  test.each([
    ['two fields on one Glue column, at the second', '    lastName: {type: string}\n    LastName: {type: string}\n', 'field-names 9:5 fields "lastName" and "LastName" both become Glue column "lastname"'],
    ['a dotted path and its underscore twin', '    home.size: {type: integer}\n    home_size: {type: integer}\n', 'field-names 9:5 fields "home.size" and "home_size" both become Glue column "home_size"'],
    ['a reserved name', '    constructor: {type: string}\n', 'field-names 8:5 field "constructor" uses a reserved name'],
    ['a reserved name inside a path', '    person.__proto__: {type: string}\n', 'field-names 8:5 field "person.__proto__" uses a reserved name'],
  ])('rejects %s', (_n, fields, expected) => {
    expect(diagnostics(fields)).toEqual([expect.stringContaining(expected)]);
  });

  test('a mapping to an inherited property name is not a field (source-mapping uses own fields only)', () => {
    const files = [
      ...base('    age: {type: integer}\n'),
      { file: 'ds.yaml', text: 'apiVersion: prospect/v1\nkind: Dataset\nmetadata: {name: prospect-data}\nspec: {schema: prospects, expiration: {afterDays: 30}}\n' },
      { file: 'src.yaml', text: 'apiVersion: prospect/v1\nkind: Source\nmetadata: {name: drop}\nspec:\n  type: s3\n  dataset: prospect-data\n  format: {type: csv}\n  mapping: {PID: partnerId, AGE: hasOwnProperty}\n' },
    ];
    const d = validateLoaded(loadSpecTexts(files)).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['source-mapping']);
    expect(d[0].message).toContain('"hasOwnProperty", which is not a field');
  });
});
