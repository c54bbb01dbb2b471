// A small stack, shaped like cdktf's cdk.tf.json, that passes every rule. Each test case
// starts from a fresh copy and breaks one thing.

import type { TerraformJson } from '../../checks/types';

export type Attrs = Record<string, unknown>;
// A type alias (not an interface) so it is assignable to TerraformJson's index signature.
export type MutableTf = {
  resource: Record<string, Record<string, Attrs>>;
  data: Record<string, Record<string, Attrs>>;
};

export const LAKE = 'aws_s3_bucket.lake_1A2B3C4D';
export const LOGS = 'aws_s3_bucket.access_logs_5E6F7A8B';
export const FN = 'aws_lambda_function.ingest_9C0D1E2F';
export const LAKE_PATH = 'dev/lake/bucket';

const meta = (path: string, uniqueId: string) => ({ '//': { metadata: { path, uniqueId } } });
const key = '${aws_kms_key.key_0A1B2C3D.arn}';

/** Everything a bucket needs to pass the S3 rules, keyed by resource type. */
function bucketResources(name: string, path: string, policy: string, sse: Attrs): Record<string, Attrs> {
  const ref = `\${aws_s3_bucket.${name}.id}`;
  return {
    aws_s3_bucket: { ...meta(path, name), bucket: `prospect-dev-${name.split('_')[0]}` },
    aws_s3_bucket_server_side_encryption_configuration: {
      bucket: ref,
      rule: [{ apply_server_side_encryption_by_default: sse, bucket_key_enabled: true }],
    },
    aws_s3_bucket_versioning: { bucket: ref, versioning_configuration: { status: 'Enabled' } },
    aws_s3_bucket_public_access_block: { bucket: ref, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
    aws_s3_bucket_ownership_controls: { bucket: ref, rule: { object_ownership: 'BucketOwnerEnforced' } },
    aws_s3_bucket_lifecycle_configuration: {
      bucket: ref,
      rule: [
        { id: 'abort-multipart', status: 'Enabled', filter: {}, abort_incomplete_multipart_upload: { days_after_initiation: 7 } },
        { id: 'expire-datasets', status: 'Enabled', filter: { prefix: 'datasets/' }, expiration: { days: 90 } },
      ],
    },
    aws_s3_bucket_policy: { bucket: ref, policy },
  };
}

/** The TLS-only policy as cdktf renders JSON.stringify of a policy with references. */
export function tlsPolicyJson(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`\${aws_s3_bucket.${bucket}.arn}`, `\${aws_s3_bucket.${bucket}.arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

export function compliantStack(): MutableTf {
  const tf: MutableTf = { resource: {}, data: {} };
  const put = (type: string, name: string, attrs: Attrs) => {
    (tf.resource[type] ??= {})[name] = attrs;
  };
  put('aws_kms_key', 'key_0A1B2C3D', { ...meta('dev/key', 'key_0A1B2C3D'), enable_key_rotation: true });

  // lake: SSE-KMS, JSON-string bucket policy. Access logs: SSE-S3 (log delivery cannot write to
  // SSE-KMS buckets), policy from a data.aws_iam_policy_document.
  const lake = bucketResources('lake_1A2B3C4D', LAKE_PATH, tlsPolicyJson('lake_1A2B3C4D'), { sse_algorithm: 'aws:kms', kms_master_key_id: key });
  const logs = bucketResources('access_logs_5E6F7A8B', 'dev/access-logs/bucket', '${data.aws_iam_policy_document.access_logs_policy_11AA22BB.json}', { sse_algorithm: 'AES256' });
  for (const [type, attrs] of Object.entries(lake)) put(type, 'lake_1A2B3C4D', attrs);
  for (const [type, attrs] of Object.entries(logs)) put(type, 'access_logs_5E6F7A8B', attrs);
  put('aws_s3_bucket_logging', 'lake_1A2B3C4D', {
    bucket: '${aws_s3_bucket.lake_1A2B3C4D.id}',
    target_bucket: '${aws_s3_bucket.access_logs_5E6F7A8B.id}',
    target_prefix: 'lake/',
  });
  tf.data.aws_iam_policy_document = {
    access_logs_policy_11AA22BB: {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: ['${aws_s3_bucket.access_logs_5E6F7A8B.arn}', '${aws_s3_bucket.access_logs_5E6F7A8B.arn}/*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          sid: 'S3ServerAccessLogs',
          principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
          actions: ['s3:PutObject'],
          resources: ['${aws_s3_bucket.access_logs_5E6F7A8B.arn}/*'],
        },
      ],
    },
    ingest_policy_33CC44DD: {
      statement: [
        { sid: 'ReadLanding', actions: ['s3:GetObject'], resources: ['${aws_s3_bucket.lake_1A2B3C4D.arn}/landing/*'] },
        { sid: 'Tracing', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
      ],
    },
    ingest_assume_55EE66FF: {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] }],
    },
  };

  put('aws_iam_role', 'ingest_role_77AA88BB', {
    ...meta('dev/functions/ingest/role', 'ingest_role_77AA88BB'),
    assume_role_policy: '${data.aws_iam_policy_document.ingest_assume_55EE66FF.json}',
    inline_policy: [{ name: 'ingest', policy: '${data.aws_iam_policy_document.ingest_policy_33CC44DD.json}' }],
  });
  put('aws_iam_role_policy', 'ingest_dlq_99CC00DD', {
    role: '${aws_iam_role.ingest_role_77AA88BB.id}',
    policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '${aws_sqs_queue.ingest_dlq_AB12CD34.arn}' }],
    }),
  });
  put('aws_sqs_queue', 'ingest_dlq_AB12CD34', { kms_master_key_id: key });
  put('aws_cloudwatch_log_group', 'ingest_logs_EF56AB78', { name: '/aws/lambda/prospect-dev-ingest', retention_in_days: 365, kms_key_id: key });
  put('aws_lambda_function', 'ingest_9C0D1E2F', {
    ...meta('dev/functions/ingest/function', 'ingest_9C0D1E2F'),
    function_name: 'prospect-dev-ingest',
    runtime: 'nodejs20.x',
    role: '${aws_iam_role.ingest_role_77AA88BB.arn}',
    dead_letter_config: { target_arn: '${aws_sqs_queue.ingest_dlq_AB12CD34.arn}' },
    tracing_config: { mode: 'Active' },
    reserved_concurrent_executions: 5,
    environment: {
      variables: {
        LAKE_BUCKET: '${aws_s3_bucket.lake_1A2B3C4D.bucket}',
        MANIFEST_KEY: 'runtime/manifest.json',
        SFTP_SECRET_NAME: 'prospect/dev/sftp/partner',
        SFTP_SECRET_ARN: '${aws_secretsmanager_secret.sftp_CD90EF12.arn}',
        API_TOKEN: '${aws_secretsmanager_secret.sftp_CD90EF12.arn}',
      },
    },
  });
  put('aws_secretsmanager_secret', 'sftp_CD90EF12', { name: 'prospect/dev/sftp/partner', kms_key_id: key });
  put('aws_athena_workgroup', 'segment_34AB56CD', {
    name: 'prospect-dev',
    configuration: {
      enforce_workgroup_configuration: true,
      result_configuration: { output_location: 's3://prospect-dev-lake/athena/', encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: key } },
    },
  });
  return tf;
}

/** A fresh compliant stack with one change applied. */
export function stackWith(change: (tf: MutableTf) => void): TerraformJson {
  const tf = compliantStack();
  change(tf);
  return tf;
}

/** A stack holding only the given resources and data sources. */
export function only(resource: MutableTf['resource'], data: MutableTf['data'] = {}): TerraformJson {
  return { resource, data };
}
