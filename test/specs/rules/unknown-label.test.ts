import { edit, locate, specSet, validateFiles } from '../fixtures';
import { ruleTable } from '../rule-table';

ruleTable('unknown-label', {
  valid: [
    { name: 'core labels and a declared Label', patches: [edit('schema.yaml', 'hashedEmail: [PARTNER_LICENSED]', 'hashedEmail: [PARTNER_LICENSED, C12, I2, S1, PSPD, RHD]')] },
    { name: 'a policy over a declared Label', patches: [edit('governance.yaml', 'allOf: [THIRD_PARTY, I1]', 'anyOf: [PARTNER_LICENSED, {allOf: [THIRD_PARTY, I1]}]')] },
  ],
  invalid: [
    {
      name: 'a misspelt label on a schema field (with a suggestion)',
      patches: [edit('schema.yaml', 'hashedEmail: [PARTNER_LICENSED]', 'hashedEmail: [PARTNER_LICENCED]')],
      diagnostics: [
        {
          code: 'unknown-label',
          message: 'label "PARTNER_LICENCED" is neither a core label nor a declared Label: did you mean "PARTNER_LICENSED"? declare it with kind Label or use a core label (C1-C12, I1, I2, S1, S2, PSPD, RHD, THIRD_PARTY)',
          at: ['schema.yaml', 'PARTNER_LICENCED'],
          path: '$.spec.labels.hashedEmail[0]',
        },
      ],
    },
    {
      name: 'an unknown label deep inside a policy expression',
      patches: [edit('governance.yaml', 'allOf: [THIRD_PARTY, I1]', 'allOf: [THIRD_PARTY, {anyOf: [I1, PII]}]')],
      diagnostics: [
        {
          code: 'unknown-label',
          message: /^label "PII" is neither a core label nor a declared Label: .*declare it with kind Label/,
          at: ['governance.yaml', 'PII'],
          path: '$.spec.deny.allOf[1].anyOf[1]',
        },
      ],
    },
    {
      name: 'a policy denying a single unknown label',
      patches: [edit('governance.yaml', 'deny:\n    allOf: [THIRD_PARTY, I1]', 'deny: THIRD_PARTI')],
      diagnostics: [{ code: 'unknown-label', message: 'label "THIRD_PARTI" is neither a core label nor a declared Label: did you mean "THIRD_PARTY"?', at: ['governance.yaml', 'THIRD_PARTI'], path: '$.spec.deny' }],
    },
  ],
});

// BUG (no rule checks Schema.labels keys): a typo in a labels key silently drops the label, so
// the policy that should refuse the export never fires. A key must be "*", a field path, or a
// parent path of fields (person -> person.lastName).
describe('labels keys name fields', () => {
  test('a labels key that is no field or parent path is an error at the key', () => {
    const files = specSet(edit('schema.yaml', 'person.lastName: [I1]', 'person.lastname: [I1]'));
    const r = validateFiles(files);
    expect(r.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column }))).toEqual([{ file: 'schema.yaml', ...locate(files, 'schema.yaml', 'person.lastname') }]);
    expect(r.diagnostics[0].message).toContain('person.lastname');
    expect(r.ok).toBe(false);
  });
});
