import { CKV_AWS_63, isWildcardAction } from '../../checks/rules/CKV_AWS_63';
import { CKV_AWS_355 } from '../../checks/rules/CKV_AWS_355';
import { compliantStack, only, stackWith } from './fixtures';
import { ruleTable } from './table';

const policyJson = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const DOC = 'data.aws_iam_policy_document.ingest_policy_33CC44DD';
const ROLE = 'aws_iam_role.ingest_role_77AA88BB';

/** A policy document statement added to the ingest function's policy. */
const withDocStatement = (statement: Record<string, unknown>) =>
  stackWith((tf) => {
    (tf.data.aws_iam_policy_document.ingest_policy_33CC44DD.statement as unknown[]).push(statement);
  });

describe('isWildcardAction', () => {
  it.each([
    ['*', true],
    ['s3:*', true],
    ['S3:*', true],
    ['s3:Get*', false],
    ['s3:GetObject', false],
  ])('%s -> %s', (action, expected) => expect(isWildcardAction(action)).toBe(expected));
});

ruleTable(CKV_AWS_63, {
  valid: [
    { name: 'named actions; assume-role and bucket-policy documents with principals are skipped', tf: compliantStack() },
    { name: 'Deny with s3:* is fine', tf: only({ aws_iam_policy: { p: { policy: policyJson({ Effect: 'Deny', Action: 's3:*', Resource: '*' }) } } }) },
    { name: 'partial wildcard s3:Get*', tf: only({ aws_iam_role_policy: { p: { policy: policyJson({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' }) } } }) },
    {
      name: 'KMS key policy document with kms:* for the account root (has principals)',
      tf: only({}, { aws_iam_policy_document: { key: { statement: { actions: ['kms:*'], resources: ['*'], principals: { type: 'AWS', identifiers: ['arn:aws:iam::123456789012:root'] } } } } }),
    },
    { name: 'empty inline_policy block (Terraform for "none")', tf: only({ aws_iam_role: { r: { inline_policy: [{}] } } }) },
  ],
  invalid: [
    {
      name: 'service wildcard in a policy document statement',
      tf: withDocStatement({ sid: 'AllS3', effect: 'Allow', actions: ['s3:*', 's3:GetObject'], resources: ['${aws_s3_bucket.lake_1A2B3C4D.arn}/*'] }),
      findings: [{ address: DOC, message: 'policy document statement 2 ("AllS3") allows "s3:*"; list only the actions it needs' }],
    },
    {
      name: '"*" in an aws_iam_policy JSON string',
      tf: only({ aws_iam_policy: { p: { policy: policyJson({ Effect: 'Allow', Action: '*', Resource: '*' }) } } }),
      findings: [{ address: 'aws_iam_policy.p', message: 'policy statement 0 allows "*"' }],
    },
    {
      name: 'NotAction in a role inline_policy',
      tf: only({ aws_iam_role: { r: { inline_policy: [{ name: 'x', policy: policyJson({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }] } } }),
      findings: [{ address: 'aws_iam_role.r', message: 'inline_policy "x" statement 0 allows every action except "iam:*" (NotAction)' }],
    },
    {
      name: 'a policy that cannot be parsed is reported, not skipped',
      tf: stackWith((tf) => {
        (tf.resource.aws_iam_role.ingest_role_77AA88BB.inline_policy as Record<string, unknown>[])[0].policy = '${jsonencode({Statement = []})}';
      }),
      findings: [{ address: ROLE, message: 'inline_policy "ingest" cannot be read (not JSON' }],
    },
  ],
});

ruleTable(CKV_AWS_355, {
  valid: [
    { name: 'scoped resources; X-Ray actions on "*" are allow-listed', tf: compliantStack() },
    {
      name: 'allow-listed actions in any case',
      tf: only({ aws_iam_policy: { p: { policy: policyJson({ Effect: 'Allow', Action: ['CloudWatch:PutMetricData', 'lakeformation:GetDataAccess'], Resource: '*' }) } } }),
    },
  ],
  invalid: [
    {
      name: 'restrictable action next to an allow-listed one',
      tf: withDocStatement({ actions: ['xray:PutTraceSegments', 'logs:CreateLogGroup'], resources: ['*'] }),
      findings: [{ address: DOC, message: 'policy document statement 2 allows "logs:CreateLogGroup" on Resource "*"; list the ARNs it needs' }],
    },
    {
      name: 'JSON-string role policy with s3:GetObject on "*"',
      tf: stackWith((tf) => {
        tf.resource.aws_iam_role_policy.ingest_dlq_99CC00DD.policy = policyJson({ Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['*'] });
      }),
      findings: [{ address: 'aws_iam_role_policy.ingest_dlq_99CC00DD', message: 'policy statement 0 ("Read") allows "s3:GetObject" on Resource "*"' }],
    },
  ],
});
