import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

ruleTable('primary-identity', {
  valid: [
    { name: 'a declared string field in a partner namespace', patches: [] },
    { name: "the class's own partnerId, not redeclared", patches: [edit('schema.yaml', '    partnerId:\n      type: string\n      required: true\n', '')] },
  ],
  invalid: [
    {
      name: 'a primary identity field that is not in the schema (with a suggestion)',
      patches: [edit('schema.yaml', 'field: partnerId', 'field: partnerID')],
      diagnostics: [
        {
          code: 'primary-identity',
          message: 'primary identity field "partnerID" is not a field of schema "prospect-profile": did you mean "partnerId"?',
          at: ['schema.yaml', 'partnerID'],
          path: '$.spec.primaryIdentity.field',
        },
      ],
    },
    {
      name: 'a primary identity field that is not a string',
      patches: [edit('schema.yaml', 'field: partnerId', 'field: age')],
      diagnostics: [{ code: 'primary-identity', message: 'primary identity field "age" has type integer: identities are strings', at: ['schema.yaml', 'field: age', 'age'] }],
    },
    {
      name: 'a primary identity namespace that is not of type partner',
      patches: [edit('schema.yaml', 'namespace: partner-id', 'namespace: email-sha256')],
      diagnostics: [
        {
          code: 'primary-identity',
          message: 'primary identity namespace "email-sha256" has type email: a prospect schema\'s primary identity must be a namespace of type partner',
          at: ['schema.yaml', 'email-sha256'],
          path: '$.spec.primaryIdentity.namespace',
        },
      ],
    },
  ],
});
