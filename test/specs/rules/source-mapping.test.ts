import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

ruleTable('source-mapping', {
  valid: [
    { name: 'the base set', patches: [] },
    { name: "a column mapped to one of the class's own fields", patches: [edit('sources.yaml', 'AGE: age', 'AGE: age\n    BATCH: createdByBatchId')] },
  ],
  invalid: [
    {
      name: 'a column mapped to a field the schema does not have (with a suggestion)',
      patches: [edit('sources.yaml', 'AGE: age', 'AGE: agee')],
      diagnostics: [
        {
          code: 'source-mapping',
          message: 'column "AGE" maps to "agee", which is not a field of schema "prospect-profile": did you mean "age"?',
          at: ['sources.yaml', 'AGE: agee', 'agee'],
          path: '$.spec.mapping.AGE',
        },
      ],
    },
    {
      name: 'two columns mapped to one field, at the second',
      patches: [edit('sources.yaml', 'AGE: age', 'AGE: age\n    AGE2: age')],
      diagnostics: [{ code: 'source-mapping', message: 'columns "AGE" and "AGE2" both map to field "age": map each field once', at: ['sources.yaml', 'AGE2: age', 'age'] }],
    },
    {
      name: 'the primary identity is not mapped (at the mapping)',
      patches: [edit('sources.yaml', '    PARTNER_ID: partnerId\n', '')],
      diagnostics: [
        {
          code: 'source-mapping',
          message: 'no column maps to "partnerId", the primary identity of schema "prospect-profile": every row would be rejected; add a mapping for it',
          at: ['sources.yaml', 'LAST_NAME'],
          path: '$.spec.mapping',
        },
      ],
    },
    {
      name: 'a required field is not mapped',
      patches: [edit('schema.yaml', '      maximum: 120', '      maximum: 120\n      required: true'), edit('sources.yaml', '    AGE: age\n', '')],
      diagnostics: [{ code: 'source-mapping', message: 'no column maps to "age", a required field of schema "prospect-profile"', at: ['sources.yaml', 'PARTNER_ID'] }],
    },
  ],
});
