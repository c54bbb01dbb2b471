import { addDoc } from '../fixtures';
import { ruleTable } from '../rule-table';

const dataset = (name: string, afterDays = 90) => `apiVersion: prospect/v1\nkind: Dataset\nmetadata:\n  name: ${name}\nspec:\n  schema: prospect-profile\n  expiration: {afterDays: ${afterDays}}\n`;

ruleTable('duplicate-name', {
  valid: [
    { name: 'the base set', patches: [] },
    {
      name: 'the same name in two kinds (an Audience named like a Dataset)',
      patches: [addDoc('audiences.yaml', 'apiVersion: prospect/v1\nkind: Audience\nmetadata:\n  name: prospects\nspec:\n  dataset: prospects\n  rule: age >= 18\n  schedule: "0 9 * * *"\n')],
    },
  ],
  invalid: [
    {
      name: 'a second Dataset of the same name in another file, reported at the later one',
      patches: [addDoc('more.yaml', dataset('prospects', 30))],
      diagnostics: [
        {
          code: 'duplicate-name',
          message: 'Dataset "prospects" is declared more than once: rename one of them or remove the duplicate',
          at: ['more.yaml', 'name: prospects', 'prospects'],
          path: '$.metadata.name',
        },
      ],
    },
    {
      name: 'a duplicate in the same file',
      patches: [addDoc('dataset.yaml', dataset('prospects # again'))],
      diagnostics: [{ code: 'duplicate-name', message: 'Dataset "prospects" is declared more than once', at: ['dataset.yaml', 'prospects # again', 'prospects'] }],
    },
    {
      name: 'a duplicate that also fails its schema gets both diagnostics',
      patches: [addDoc('more.yaml', dataset('prospects', 0))],
      diagnostics: [
        { code: 'duplicate-name', message: 'Dataset "prospects" is declared more than once', at: ['more.yaml', 'name: prospects', 'prospects'] },
        { code: 'invalid-value', message: 'spec.expiration.afterDays is 0: must be >= 1', at: ['more.yaml', 'afterDays: 0', '0'] },
      ],
    },
    {
      name: 'three documents of one name: two diagnostics',
      patches: [addDoc('more.yaml', dataset('prospects', 30)), addDoc('zz.yaml', dataset('prospects', 60))],
      diagnostics: [
        { code: 'duplicate-name', message: 'Dataset "prospects" is declared more than once', at: ['more.yaml', 'name: prospects', 'prospects'] },
        { code: 'duplicate-name', message: 'Dataset "prospects" is declared more than once', at: ['zz.yaml', 'name: prospects', 'prospects'] },
      ],
    },
  ],
});
