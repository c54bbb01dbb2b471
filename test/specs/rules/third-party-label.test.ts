import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const LABELS = '  labels:\n    "*": [THIRD_PARTY]\n    person.lastName: [I1]\n    hashedEmail: [PARTNER_LICENSED]\n';
const message = (f: string) => `field "${f}" of prospect schema "prospect-profile" does not carry THIRD_PARTY: add it under labels (labels: {"*": [THIRD_PARTY]} labels every field)`;

ruleTable('third-party-label', {
  valid: [
    { name: '"*" labels every field', patches: [] },
    {
      name: 'labels per field and per parent path (person covers person.lastName)',
      patches: [edit('schema.yaml', LABELS, '  labels:\n    partnerId: [THIRD_PARTY]\n    person: [THIRD_PARTY, I1]\n    age: [THIRD_PARTY]\n    incomeBand: [THIRD_PARTY]\n    hashedEmail: [THIRD_PARTY, PARTNER_LICENSED]\n')],
    },
  ],
  invalid: [
    {
      name: 'one field without THIRD_PARTY, at the field key',
      patches: [
        edit('schema.yaml', LABELS, '  labels:\n    partnerId: [THIRD_PARTY]\n    person.lastName: [I1, THIRD_PARTY]\n    age: [THIRD_PARTY]\n    incomeBand: [THIRD_PARTY]\n    hashedEmail: [PARTNER_LICENSED]\n'),
      ],
      diagnostics: [{ code: 'third-party-label', message: message('hashedEmail'), at: ['schema.yaml', '    hashedEmail:\n', 'hashedEmail'], path: '$.spec.fields.hashedEmail' }],
    },
    {
      name: 'no labels at all: every field, each at its key',
      patches: [edit('schema.yaml', LABELS, '')],
      diagnostics: [
        { code: 'third-party-label', message: message('partnerId'), at: ['schema.yaml', '    partnerId:\n', 'partnerId'] },
        { code: 'third-party-label', message: message('person.lastName'), at: ['schema.yaml', 'person.lastName:'] },
        { code: 'third-party-label', message: message('age'), at: ['schema.yaml', '    age:', 'age'] },
        { code: 'third-party-label', message: message('incomeBand'), at: ['schema.yaml', 'incomeBand:'] },
        { code: 'third-party-label', message: message('hashedEmail'), at: ['schema.yaml', 'hashedEmail:'], path: '$.spec.fields.hashedEmail' },
      ],
    },
    {
      name: 'a label on a sibling prefix does not count (person.last is not a parent of person.lastName)',
      patches: [edit('schema.yaml', LABELS, '  labels:\n    "*": [C1]\n    partnerId: [THIRD_PARTY]\n    age: [THIRD_PARTY]\n    incomeBand: [THIRD_PARTY]\n    hashedEmail: [THIRD_PARTY]\n    person.last: [THIRD_PARTY]\n    person.lastName: [I1]\n')],
      diagnostics: [
        { code: 'third-party-label', message: message('person.lastName'), at: ['schema.yaml', '    person.lastName:\n      type', 'person.lastName'], path: '$.spec.fields["person.lastName"]' },
        { code: 'label-target', message: 'labels key "person.last" is not a field of schema', at: ['schema.yaml', '    person.last: [THIRD_PARTY]', 'person.last'] },
      ],
    },
  ],
});
