import { resourceRisks } from '../../review/resource-risks';
import { AttributeChange, ResourceChange, ShownValue } from '../../review/report';

function res(address: string, action: string, attributes: AttributeChange[] = [], extra: Partial<ResourceChange> = {}): ResourceChange {
  const [type, name] = address.split('.');
  return { address, type, name, mode: 'managed', action, replaceReasons: [], replacePaths: [], attributes, ...extra };
}

const v = (value: string | number | boolean | null): ShownValue => ({ kind: 'value', value });
const attr = (path: string, before: ShownValue, after: ShownValue): AttributeChange => ({ path, before, after, forcesReplacement: false });
const policy = (actions: string[], resource = 'arn:aws:s3:::acme/*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });

describe('resourceRisks', () => {
  it.each([
    ['delete', 'aws_s3_bucket.landing', 'high', 'data-loss', 'destroys an S3 bucket and every object in it'],
    ['replace', 'aws_glue_catalog_table.prospects', 'high', 'data-loss', 'replaces a Glue catalog table: the existing one is destroyed with its table definition and partitions'],
    ['delete', 'aws_kms_key.data', 'high', 'data-loss', 'destroys a KMS key and access to all data encrypted with it'],
    ['delete', 'aws_dynamodb_table.state', 'high', 'data-loss', 'destroys a DynamoDB table and every item in it'],
    ['delete', 'aws_secretsmanager_secret.sftp', 'high', 'data-loss', 'destroys a Secrets Manager secret and the secret value'],
    ['delete', 'aws_cloudwatch_event_rule.nightly', 'medium', 'destroy', 'destroys this resource'],
    ['replace', 'aws_lambda_function.ingest', 'medium', 'destroy', 'replaces this resource: the existing object is destroyed'],
  ])('a %s of %s is a %s %s risk', (action, address, severity, category, message) => {
    expect(resourceRisks([res(address, action)])).toEqual([{ severity, category, message, address }]);
  });

  it('finds nothing in creates, updates, reads and no-ops of resources that hold no permissions', () => {
    expect(
      resourceRisks([
        res('aws_s3_bucket.a', 'create'),
        res('aws_s3_bucket.b', 'update', [attr('tags.team', v('a'), v('b'))]),
        res('aws_s3_bucket.c', 'read'),
        res('aws_s3_bucket.d', 'no-op'),
      ]),
    ).toEqual([]);
  });

  it('rates a deposed stateful object as a plain destroy (the live object stays)', () => {
    expect(resourceRisks([res('aws_s3_bucket.a', 'delete', [], { deposed: '0a1b2c3d' })])[0]).toMatchObject({ severity: 'medium', category: 'destroy' });
  });

  it('reports IAM changes, naming the actions a policy newly allows', () => {
    const risks = resourceRisks([
      res('aws_iam_role_policy.reader', 'update', [attr('policy', v(policy(['s3:GetObject'])), v(policy(['s3:GetObject', 's3:ListBucket'])))]),
      res('aws_iam_role.runner', 'delete'),
    ]);
    expect(risks).toEqual([
      { severity: 'medium', category: 'destroy', message: 'destroys this resource', address: 'aws_iam_role.runner' },
      { severity: 'medium', category: 'iam', message: 'deletes an IAM role', address: 'aws_iam_role.runner' },
      {
        severity: 'medium',
        category: 'iam',
        message: 'changes an inline IAM role policy; policy newly allows actions s3:ListBucket',
        address: 'aws_iam_role_policy.reader',
      },
    ]);
  });

  it('rates a policy that newly allows a wildcard action or resource as high', () => {
    const risks = resourceRisks([
      res('aws_iam_policy.wide', 'update', [attr('policy', v(policy(['s3:GetObject'])), v(policy(['s3:*'])))]),
      res('aws_s3_bucket_policy.open', 'create', [attr('policy', v(null), v(policy(['s3:GetObject'], '*')))]),
    ]);
    expect(risks.map((r) => [r.address, r.severity])).toEqual([
      ['aws_iam_policy.wide', 'high'],
      ['aws_s3_bucket_policy.open', 'high'],
    ]);
    expect(risks[0].message).toBe('changes an IAM policy; policy newly allows actions s3:*');
  });

  it('does not read a policy document that is sensitive or unknown', () => {
    const risks = resourceRisks([
      res('aws_iam_policy.hidden', 'update', [attr('policy', { kind: 'sensitive' }, { kind: 'sensitive' })]),
      res('aws_iam_policy.later', 'create', [attr('policy', v(null), { kind: 'unknown' })]),
    ]);
    expect(risks.map((r) => r.message)).toEqual(['changes an IAM policy', 'creates an IAM policy']);
  });

  it('flags a shortened S3 lifecycle expiration and force_destroy turned on', () => {
    const risks = resourceRisks([
      res('aws_s3_bucket_lifecycle_configuration.landing', 'update', [attr('rule[0].expiration[0].days', v(90), v(30))]),
      res('aws_s3_bucket_lifecycle_configuration.export', 'update', [attr('rule[0].expiration[0].days', v(30), v(90))]),
      res('aws_s3_bucket.landing', 'update', [attr('force_destroy', v(false), v(true))]),
    ]);
    expect(risks).toEqual([
      {
        severity: 'high',
        category: 'data-loss',
        message: 'shortens an S3 expiration (rule[0].expiration[0].days) from 90 to 30 days: objects older than 30 days are deleted',
        address: 'aws_s3_bucket_lifecycle_configuration.landing',
      },
      {
        severity: 'medium',
        category: 'data-loss',
        message: 'turns on force_destroy: destroying the bucket later also deletes every object in it',
        address: 'aws_s3_bucket.landing',
      },
    ]);
  });
});
