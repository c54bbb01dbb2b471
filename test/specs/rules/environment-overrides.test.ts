import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const OVERRIDE = '    Dataset:\n      prospects:\n        expiration: {afterDays: 30}\n';

ruleTable('environment-overrides', {
  valid: [
    { name: 'an override of an existing document, without --env', patches: [] },
    { name: 'an override of an existing document, with --env', patches: [], env: 'dev' },
    { name: 'a merge patch that deletes an optional key with null', patches: [edit('environments.yaml', OVERRIDE, `${OVERRIDE}    Activation:\n      affluent-to-match:\n        dedupKeys: null\n`)], env: 'dev' },
  ],
  invalid: [
    {
      name: 'an override naming a missing document, at the override key',
      patches: [edit('environments.yaml', '      prospects:\n', '      prospectz:\n')],
      diagnostics: [
        {
          code: 'environment-overrides',
          message: 'override for Dataset "prospectz" does not exist: did you mean "prospects"? declared Datasets: prospects',
          at: ['environments.yaml', 'prospectz'],
          path: '$.spec.overrides.Dataset.prospectz',
        },
      ],
    },
    {
      name: 'the same with --env: still a diagnostic, not a crash',
      env: 'dev',
      patches: [edit('environments.yaml', '      prospects:\n', '      prospectz:\n')],
      diagnostics: [{ code: 'environment-overrides', message: 'override for Dataset "prospectz" does not exist', at: ['environments.yaml', 'prospectz'] }],
    },
    {
      name: 'an override naming a document of another kind',
      patches: [edit('environments.yaml', '    Dataset:\n', '    Source:\n')],
      diagnostics: [{ code: 'environment-overrides', message: 'override for Source "prospects" does not exist: declared Sources: partner-drop', at: ['environments.yaml', '      prospects:', 'prospects'] }],
    },
    {
      name: 'an unknown kind under overrides is an unknown key (with a suggestion)',
      patches: [edit('environments.yaml', '    Dataset:\n', '    Datasets:\n')],
      diagnostics: [{ code: 'unknown-key', message: 'unknown key "Datasets" in spec.overrides: did you mean "Dataset"?', at: ['environments.yaml', 'Datasets'] }],
    },
  ],
});
