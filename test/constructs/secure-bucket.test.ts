import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { EnvironmentKey } from '../../constructs/environment-key';
import { SecureBucket } from '../../constructs/secure-bucket';
import { ACCOUNT, bucketPolicy, functionPolicy, keyPolicy, resources, statement, synthWith } from './harness';

Testing.setupJest();

describe('SecureBucket', () => {
  const json = synthWith((p) => {
    p.lake.addLifecycleRule({ id: 'dataset-a', prefix: 'datasets/a/', expirationDays: 30, noncurrentExpirationDays: 30 });
    p.lake.grantRead(p.fn('segment'), 'datasets/');
    p.lake.grantPut(p.fn('segment'), 'audiences/');
    p.landing.grantWrite(p.fn('sftp-poll'), 'sources/');
    p.landing.grantPrincipalPut('arn:aws:iam::444455556666:role/partner', 'sources/acme/', 'PartnerWritesAcme');
  });

  test('encrypts data buckets with the environment key and S3 Bucket Keys', () => {
    expect(json).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.Key_43586C89.arn}' }, bucket_key_enabled: true }],
    });
  });

  test('encrypts the access-logs bucket with SSE-S3 (log delivery cannot write to SSE-KMS buckets)', () => {
    const enc = Object.entries(resources(json, 'aws_s3_bucket_server_side_encryption_configuration')).find(([n]) => n.startsWith('Bucket-access-logs_'))![1];
    expect(enc.rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }]);
  });

  test('versions, blocks public access and disables ACLs on every bucket', () => {
    expect(Object.keys(resources(json, 'aws_s3_bucket'))).toHaveLength(4);
    for (const v of Object.values(resources(json, 'aws_s3_bucket_versioning'))) expect(v.versioning_configuration).toEqual({ status: 'Enabled' });
    expect(Object.keys(resources(json, 'aws_s3_bucket_versioning'))).toHaveLength(4);
    for (const b of Object.values(resources(json, 'aws_s3_bucket_public_access_block'))) {
      expect(b).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
    expect(Object.keys(resources(json, 'aws_s3_bucket_public_access_block'))).toHaveLength(4);
    for (const o of Object.values(resources(json, 'aws_s3_bucket_ownership_controls'))) expect(o.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  test('denies plain-HTTP requests on every bucket and its objects', () => {
    for (const role of ['landing', 'lake', 'exports', 'access-logs']) {
      const deny = statement(bucketPolicy(json, role), 'DenyInsecureTransport');
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: '*', Action: ['s3:*'], Condition: { Bool: { 'aws:SecureTransport': ['false'] } } });
      expect(deny.Resource).toHaveLength(2);
      expect(deny.Resource[1]).toBe(`${deny.Resource[0]}/*`);
    }
  });

  test('logs data buckets to the access-logs bucket, which accepts only this account\'s log delivery and logs nowhere', () => {
    const logging = resources(json, 'aws_s3_bucket_logging');
    expect(Object.keys(logging).sort()).toEqual([expect.stringMatching(/^Bucket-exports_/), expect.stringMatching(/^Bucket-lake_/), expect.stringMatching(/^Bucket-landing_/)]);
    for (const l of Object.values(logging)) expect(l.target_bucket).toMatch(/^\$\{aws_s3_bucket\.Bucket-access-logs_Bucket_[0-9A-F]+\.id\}$/);
    const delivery = statement(bucketPolicy(json, 'access-logs'), 'S3ServerAccessLogDelivery');
    expect(delivery.Principal).toEqual({ Service: ['logging.s3.amazonaws.com'] });
    expect(delivery.Action).toEqual(['s3:PutObject']);
    expect(delivery.Condition!.StringEquals).toEqual({ 'aws:SourceAccount': [ACCOUNT] });
    expect(delivery.Condition!.ArnLike['aws:SourceArn']).toHaveLength(3);
  });

  test('aborts incomplete multipart uploads and expires prefixes (current and noncurrent versions)', () => {
    const lake = Object.entries(resources(json, 'aws_s3_bucket_lifecycle_configuration')).find(([n]) => n.startsWith('Bucket-lake_'))![1];
    expect(lake.rule).toEqual([
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        expiration: [{ expired_object_delete_marker: true }],
      },
      { id: 'dataset-a', status: 'Enabled', filter: [{ prefix: 'datasets/a/' }], expiration: [{ days: 30 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] },
    ]);
  });

  test('grants name exact actions on prefixes, with the key actions to match', () => {
    const segment = functionPolicy(json, 'segment');
    expect(statement(segment, 'ReadBucketLakeObjects')).toMatchObject({ Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: [expect.stringMatching(/Bucket-lake_Bucket_[0-9A-F]+\.arn\}\/datasets\/\*$/)] });
    expect(statement(segment, 'ListBucketLake')).toMatchObject({ Action: ['s3:ListBucket'], Condition: { StringLike: { 's3:prefix': ['datasets/*'] } } });
    expect(statement(segment, 'PutBucketLakeObjects')).toMatchObject({ Action: ['s3:PutObject'], Resource: [expect.stringMatching(/\/audiences\/\*$/)] });
    expect(statement(segment, 'DecryptWithEnvironmentKey').Action).toEqual(['kms:Decrypt']);
    expect(statement(segment, 'EncryptWithEnvironmentKey').Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statement(functionPolicy(json, 'sftp-poll'), 'WriteBucketLandingObjects').Action).toEqual(['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject']);
  });

  test('lets a partner principal only PutObject under its prefix, and encrypt through S3 only', () => {
    const partner = statement(bucketPolicy(json, 'landing'), 'PartnerWritesAcme');
    expect(partner).toMatchObject({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:role/partner'] }, Action: ['s3:PutObject'] });
    expect(partner.Resource).toEqual([expect.stringMatching(/Bucket-landing_Bucket_[0-9A-F]+\.arn\}\/sources\/acme\/\*$/)]);
    const kms = statement(keyPolicy(json), 'PartnersWriteViaS3');
    expect(kms.Principal).toEqual({ AWS: ['arn:aws:iam::444455556666:role/partner'] });
    expect(kms.Condition).toMatchObject({ StringEquals: { 'kms:ViaService': ['s3.eu-west-1.amazonaws.com'] } });
  });

  test('refuses insecure combinations with a clear error', () => {
    expect(() =>
      Testing.synthScope((s) => {
        new SecureBucket(s, 'b', { bucketName: 'plain' });
      }),
    ).toThrow('bucket plain: a data bucket needs encryptionKey');
    expect(() =>
      Testing.synthScope((s) => {
        const key = new EnvironmentKey(s, 'k', { account: ACCOUNT, region: 'eu-west-1', namePrefix: 'x' });
        new SecureBucket(s, 'b', { bucketName: 'logs', encryptionKey: key, accessLogSink: { account: ACCOUNT } });
      }),
    ).toThrow('the access-logs sink must use SSE-S3');
  });

  test('rejects lifecycle rules with fewer than one day', () => {
    expect(() => synthWith((p) => p.lake.addLifecycleRule({ id: 'x', prefix: 'x/', expirationDays: 0, noncurrentExpirationDays: 1 }))).toThrow(
      'lifecycle rule x: expirationDays must be a whole number of days >= 1, got 0',
    );
  });
});

describe('EnvironmentKey', () => {
  const json = synthWith(() => undefined);

  test('rotates and lets the account root administer it', () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(statement(keyPolicy(json), 'AccountRootAdministers')).toMatchObject({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] }, Resource: ['*'] });
  });

  test('lets CloudWatch Logs use it for this environment\'s function log groups only', () => {
    const logs = statement(keyPolicy(json), 'CloudWatchLogsEncryptsLogGroups');
    expect(logs.Principal).toEqual({ Service: ['logs.eu-west-1.amazonaws.com'] });
    expect(logs.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [`arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/acme-dev-*`] } });
  });
});
