import { documentStatements, resolvePolicy } from '../../checks/private/policy';
import { namesBucket } from '../../checks/private/s3';
import { blocks, nodeAt, parseReference, resources } from '../../checks/private/terraform';
import { compliantStack, LAKE, LAKE_PATH, only } from './fixtures';

describe('terraform helpers', () => {
  it('lists resources with address and construct path', () => {
    const [lake] = resources(compliantStack(), 'aws_s3_bucket');
    expect([lake.address, lake.path]).toEqual([LAKE, LAKE_PATH]);
    expect(resources(compliantStack(), 'aws_no_such_type')).toEqual([]);
  });

  it.each([
    ['${aws_s3_bucket.lake_1A2B3C4D.id}', { address: 'aws_s3_bucket.lake_1A2B3C4D', attr: 'id' }],
    ['${data.aws_iam_policy_document.p.json}', { address: 'data.aws_iam_policy_document.p', attr: 'json' }],
    ['${aws_s3_bucket.lake.arn}/*', undefined],
    ['arn:aws:s3:::x', undefined],
    [42, undefined],
  ])('parseReference(%p)', (value, expected) => expect(parseReference(value)).toEqual(expected));

  it('normalizes blocks written as an object or an array', () => {
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks([{ a: 1 }, 'x', { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(blocks(undefined)).toEqual([]);
  });

  it('finds a data source by address', () => {
    expect(nodeAt(compliantStack(), 'data.aws_iam_policy_document.ingest_policy_33CC44DD')?.type).toBe('aws_iam_policy_document');
  });
});

describe('namesBucket', () => {
  const tf = only({ aws_s3_bucket: { b: { bucket: 'my-bucket' }, computed: { bucket_prefix: 'x-' } } });
  const [b, computed] = resources(tf, 'aws_s3_bucket');
  it.each([
    ['${aws_s3_bucket.b.id}', true],
    ['${aws_s3_bucket.b.bucket}', true],
    ['my-bucket', true],
    ['${aws_s3_bucket.b.arn}', false],
    ['${aws_s3_bucket.other.id}', false],
  ])('%s names aws_s3_bucket.b: %s', (v, expected) => expect(namesBucket(v, b)).toBe(expected));
  it('a bucket without a literal name is only named by reference', () => {
    expect(namesBucket('', computed)).toBe(false);
    expect(namesBucket(undefined, computed)).toBe(false);
  });
});

describe('policy parsing', () => {
  it('normalizes JSON and policy documents to the same statements', () => {
    const json = resolvePolicy(only({}), JSON.stringify({ Statement: { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'r', Condition: { Bool: { 'aws:SecureTransport': false } } } }));
    const doc = documentStatements({
      type: 'aws_iam_policy_document',
      name: 'd',
      address: 'data.aws_iam_policy_document.d',
      attrs: { statement: { effect: 'Deny', principals: { type: '*', identifiers: ['*'] }, actions: ['s3:*'], resources: ['r'], condition: { test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] } } },
    });
    expect(json).toEqual({ kind: 'statements', statements: doc });
  });

  it('reports a policy it cannot read', () => {
    expect(resolvePolicy(only({}), '${jsonencode({})}')).toEqual({ kind: 'unreadable', reason: 'not JSON: ${jsonencode({})}' });
  });
});
