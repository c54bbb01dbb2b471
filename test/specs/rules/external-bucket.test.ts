import { edit } from '../fixtures';
import { ruleTable } from '../rule-table';

const ROLE = 'arn:aws:iam::444455556666:role/acme-read';
const sourceS3 = (block: string) => edit('sources.yaml', '  type: s3\n  dataset: prospects\n', `  type: s3\n  dataset: prospects\n  s3:\n${block}`);
const destS3 = (block: string) => edit('destinations.yaml', '  s3:\n    prefix: exports/match/\n', `  s3:\n    prefix: exports/match/\n${block}`);

ruleTable('external-bucket', {
  valid: [
    { name: 'an external source bucket with a role and a schedule', patches: [sourceS3(`    bucket: acme-partner-drop\n    roleArn: ${ROLE}\n`)] },
    { name: 'the landing bucket with a writer principal', patches: [sourceS3('    writerPrincipal: "444455556666"\n')] },
    { name: 'an external destination bucket with a role', patches: [destS3(`    bucket: acme-match-inbox\n    roleArn: ${ROLE}\n`)] },
  ],
  invalid: [
    {
      name: 'an external source bucket without roleArn',
      patches: [sourceS3('    bucket: acme-partner-drop\n')],
      diagnostics: [
        {
          code: 'external-bucket',
          message: 'external bucket "acme-partner-drop" needs s3.roleArn: the role the pipeline assumes to read it',
          at: ['sources.yaml', 'bucket: acme-partner-drop', 'bucket'],
          path: '$.spec.s3',
        },
      ],
    },
    {
      name: 'an external source bucket without a schedule',
      patches: [sourceS3(`    bucket: acme-partner-drop\n    roleArn: ${ROLE}\n`), edit('sources.yaml', '  schedule: "0 6 * * *"\n', '')],
      diagnostics: [
        { code: 'external-bucket', message: 'source reads external bucket "acme-partner-drop" and needs a schedule (cron, UTC) to poll it', at: ['sources.yaml', '  type: s3', 'type'], path: '$.spec' },
      ],
    },
    {
      name: 'a writer principal with an external bucket, at the key',
      patches: [sourceS3(`    bucket: acme-partner-drop\n    roleArn: ${ROLE}\n    writerPrincipal: "444455556666"\n`)],
      diagnostics: [
        {
          code: 'external-bucket',
          message: 'writerPrincipal applies only to sources landing in the environment\'s landing bucket; with an external bucket "acme-partner-drop" the partner writes there: remove it',
          at: ['sources.yaml', 'writerPrincipal'],
          path: '$.spec.s3.writerPrincipal',
        },
      ],
    },
    {
      name: 'a writer principal on a destination',
      patches: [destS3('    writerPrincipal: "444455556666"\n')],
      diagnostics: [{ code: 'external-bucket', message: 'writerPrincipal applies to sources only: remove it', at: ['destinations.yaml', 'writerPrincipal'] }],
    },
    {
      name: 'an external destination bucket without roleArn',
      patches: [destS3('    bucket: acme-match-inbox\n')],
      diagnostics: [{ code: 'external-bucket', message: 'external bucket "acme-match-inbox" needs s3.roleArn: the role the pipeline assumes to write it', at: ['destinations.yaml', 'prefix: exports/match/', 'prefix'] }],
    },
  ],
});
