import { addDoc } from '../fixtures';
import { ruleTable } from '../rule-table';

const ns = (name: string, code: string) => `apiVersion: prospect/v1\nkind: IdentityNamespace\nmetadata:\n  name: ${name}\nspec:\n  code: ${code}\n  type: partner\n`;
const label = (name: string, code: string, category = 'custom') => `apiVersion: prospect/v1\nkind: Label\nmetadata:\n  name: ${name}\nspec:\n  code: ${code}\n  category: ${category}\n`;

ruleTable('duplicate-code', {
  valid: [
    { name: 'the base set', patches: [] },
    { name: 'a Label and an IdentityNamespace may share a code (codes are unique per kind)', patches: [addDoc('governance.yaml', label('partner-id-label', 'PARTNER_ID'))] },
  ],
  invalid: [
    {
      name: 'two identity namespaces with one code',
      patches: [addDoc('identity.yaml', ns('partner-id-copy', 'PARTNER_ID  # copy'))],
      diagnostics: [
        {
          code: 'duplicate-code',
          message: 'IdentityNamespace code "PARTNER_ID" is already used by "partner-id": codes must be unique',
          at: ['identity.yaml', 'PARTNER_ID  # copy', 'PARTNER_ID'],
          path: '$.spec.code',
        },
      ],
    },
    {
      name: 'a Label redeclaring a core label',
      patches: [addDoc('governance.yaml', label('third-party', 'THIRD_PARTY', 'partner-ecosystem'))],
      diagnostics: [{ code: 'duplicate-code', message: 'label code "THIRD_PARTY" is a core label and is built in: remove this Label or choose another code', at: ['governance.yaml', 'code: THIRD_PARTY', 'THIRD_PARTY'] }],
    },
    {
      name: 'two Labels with one code',
      patches: [addDoc('governance.yaml', label('partner-licensed-two', 'PARTNER_LICENSED  # again', 'contract'))],
      diagnostics: [{ code: 'duplicate-code', message: 'Label code "PARTNER_LICENSED" is already used by "partner-licensed": codes must be unique', at: ['governance.yaml', 'PARTNER_LICENSED  # again', 'PARTNER_LICENSED'] }],
    },
  ],
});
