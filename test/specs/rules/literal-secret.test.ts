import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const AUTH = '      secretName: prospect/media/sftp-key\n';

ruleTable('literal-secret', {
  valid: [
    { name: 'a secret referenced by name', patches: [] },
    { name: 'words like token or password in free text', patches: [edit('dataset.yaml', '  name: prospects\n', '  name: prospects\n  description: rotate the partner token and password yearly\n')] },
  ],
  invalid: [
    {
      name: 'a literal password next to the secret name (also an unknown key), at the key',
      patches: [edit('destinations.yaml', AUTH, `${AUTH}      password: hunter2\n`)],
      diagnostics: [
        {
          code: 'literal-secret',
          message: '"password" holds a literal secret: secrets are referenced by name only; store the value in AWS Secrets Manager and name it with auth.secretName',
          at: ['destinations.yaml', 'password: hunter2', 'password'],
          path: '$.spec.sftp.auth.password',
        },
      ],
    },
    {
      name: 'a private key in a description',
      patches: [edit('dataset.yaml', '  name: prospects\n', '  name: prospects\n  description: "-----BEGIN RSA PRIVATE KEY----- MIIEpAIBAAKCAQEA"\n')],
      diagnostics: [
        { code: 'literal-secret', message: 'this value looks like a private key: secrets are referenced by name only; store it in AWS Secrets Manager and reference it by name', at: ['dataset.yaml', '"-----BEGIN'], path: '$.metadata.description' },
      ],
    },
    {
      name: 'an AWS access key id in a label',
      patches: [edit('dataset.yaml', '  name: prospects\n', '  name: prospects\n  labels: {owner: AKIAIOSFODNN7EXAMPLE}\n')],
      diagnostics: [{ code: 'literal-secret', message: 'this value looks like an AWS access key id', at: ['dataset.yaml', 'AKIAIOSFODNN7EXAMPLE'], path: '$.metadata.labels.owner' }],
    },
    {
      name: 'a URL with a password as the SFTP host',
      patches: [edit('destinations.yaml', 'host: sftp.media.example.net', 'host: sftp://ingest:s3cr3t@sftp.media.example.net')],
      diagnostics: [{ code: 'literal-secret', message: 'this value looks like a URL with a password', at: ['destinations.yaml', 'sftp://ingest'] }],
    },
    {
      name: 'a GitHub token in an environment tag',
      patches: [edit('environments.yaml', '  region: us-east-1\n', '  region: us-east-1\n  tags: {ci: ghp_abcdefghijklmnopqrstuvwxyz0123456789}\n')],
      diagnostics: [{ code: 'literal-secret', message: 'this value looks like a GitHub token', at: ['environments.yaml', 'ghp_'] }],
    },
  ],
});
