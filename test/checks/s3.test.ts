import { CKV2_AWS_6 } from '../../checks/rules/CKV2_AWS_6';
import { CKV2_AWS_65 } from '../../checks/rules/CKV2_AWS_65';
import { CKV_AWS_18 } from '../../checks/rules/CKV_AWS_18';
import { CKV_AWS_19 } from '../../checks/rules/CKV_AWS_19';
import { CKV_AWS_21 } from '../../checks/rules/CKV_AWS_21';
import { CKV_AWS_53 } from '../../checks/rules/CKV_AWS_53';
import { CKV_AWS_54 } from '../../checks/rules/CKV_AWS_54';
import { CKV_AWS_55 } from '../../checks/rules/CKV_AWS_55';
import { CKV_AWS_56 } from '../../checks/rules/CKV_AWS_56';
import { CKV_AWS_145 } from '../../checks/rules/CKV_AWS_145';
import { CKV_AWS_300 } from '../../checks/rules/CKV_AWS_300';
import { PRS_S3_TLS_ONLY } from '../../checks/rules/PRS_S3_TLS_ONLY';
import { compliantStack, LAKE, LAKE_PATH, LOGS, only, stackWith, tlsPolicyJson } from './fixtures';
import { ruleTable } from './table';

const lakeName = 'lake_1A2B3C4D';
const logsName = 'access_logs_5E6F7A8B';

ruleTable(CKV_AWS_19, {
  valid: [
    { name: 'both buckets have a KMS default encryption resource', tf: compliantStack() },
    {
      name: 'inline server_side_encryption_configuration on the bucket',
      tf: only({ aws_s3_bucket: { b: { bucket: 'x', server_side_encryption_configuration: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } } } } } }),
    },
    {
      name: 'configuration that names the bucket by its literal name',
      tf: only({
        aws_s3_bucket: { b: { bucket: 'literal-name' } },
        aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: 'literal-name', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] } },
      }),
    },
  ],
  invalid: [
    {
      name: 'bucket without an encryption configuration',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_server_side_encryption_configuration[lakeName]),
      findings: [{ address: LAKE, path: LAKE_PATH, message: 'bucket has no default server-side encryption; add an aws_s3_bucket_server_side_encryption_configuration' }],
    },
    {
      name: 'configuration pointing at another bucket does not count',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_server_side_encryption_configuration[lakeName].bucket = `\${aws_s3_bucket.${logsName}.id}`;
      }),
      findings: [{ address: LAKE, message: 'no default server-side encryption' }],
    },
  ],
});

ruleTable(CKV_AWS_145, {
  valid: [{ name: 'lake: aws:kms with the environment key; access-logs target: AES256 (exempt)', tf: compliantStack() }],
  invalid: [
    {
      name: 'AES256 (SSE-S3)',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_server_side_encryption_configuration[lakeName].rule = [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }];
      }),
      findings: [{ address: LAKE, message: 'uses sse_algorithm "AES256", not "aws:kms"; set sse_algorithm = "aws:kms" and kms_master_key_id' }],
    },
    {
      name: 'aws:kms without a key id uses the AWS managed key',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_server_side_encryption_configuration[lakeName].rule = { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } };
      }),
      findings: [{ address: LAKE, message: 'without kms_master_key_id, so S3 uses the AWS managed aws/s3 key' }],
    },
    {
      name: 'no encryption at all, even on the access-logs target',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_server_side_encryption_configuration[logsName]),
      findings: [{ address: LOGS, message: 'bucket has no default encryption, so it is not encrypted with KMS' }],
    },
    {
      name: 'AES256 is only exempt while other buckets log to it',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_logging),
      findings: [{ address: LOGS, message: 'uses sse_algorithm "AES256", not "aws:kms"' }],
    },
  ],
});

ruleTable(CKV2_AWS_6, {
  valid: [{ name: 'every bucket has a public access block', tf: compliantStack() }],
  invalid: [
    {
      name: 'access-logs bucket without one',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_public_access_block[logsName]),
      findings: [{ address: LOGS, path: 'dev/access-logs/bucket', message: 'bucket has no public access block; add an aws_s3_bucket_public_access_block' }],
    },
  ],
});

const PAB = `aws_s3_bucket_public_access_block.${lakeName}`;
for (const [rule, flag] of [
  [CKV_AWS_53, 'block_public_acls'],
  [CKV_AWS_54, 'block_public_policy'],
  [CKV_AWS_55, 'ignore_public_acls'],
  [CKV_AWS_56, 'restrict_public_buckets'],
] as const) {
  ruleTable(rule, {
    valid: [{ name: `${flag} = true`, tf: compliantStack() }],
    invalid: [
      {
        name: `${flag} = false`,
        tf: stackWith((tf) => {
          tf.resource.aws_s3_bucket_public_access_block[lakeName][flag] = false;
        }),
        findings: [{ address: PAB, message: `${flag} is false, so the bucket does not` }],
      },
      {
        name: `${flag} left out (Terraform default false)`,
        tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_public_access_block[lakeName][flag]),
        findings: [{ address: PAB, message: `${flag} is not set, so the bucket does not` }],
      },
    ],
  });
}

ruleTable(CKV_AWS_21, {
  valid: [
    { name: 'aws_s3_bucket_versioning Enabled', tf: compliantStack() },
    { name: 'inline versioning { enabled = true }', tf: only({ aws_s3_bucket: { b: { bucket: 'x', versioning: [{ enabled: true }] } } }) },
  ],
  invalid: [
    {
      name: 'versioning Suspended',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_versioning[lakeName].versioning_configuration = { status: 'Suspended' };
      }),
      findings: [{ address: LAKE, message: `versioning status is "Suspended" in aws_s3_bucket_versioning.${lakeName}; add an aws_s3_bucket_versioning` }],
    },
    {
      name: 'no versioning resource',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_versioning[logsName]),
      findings: [{ address: LOGS, message: 'bucket has no versioning configuration' }],
    },
    { name: 'inline versioning disabled', tf: only({ aws_s3_bucket: { b: { versioning: { enabled: false } } } }), findings: [{ address: 'aws_s3_bucket.b', message: 'no versioning configuration' }] },
  ],
});

ruleTable(CKV_AWS_18, {
  valid: [
    { name: 'lake logs to the access-logs bucket, which is exempt as the target', tf: compliantStack() },
    {
      name: 'inline logging block, target named by its literal name',
      tf: only({ aws_s3_bucket: { a: { bucket: 'a', logging: { target_bucket: 'logs' } }, logs: { bucket: 'logs' } } }),
    },
  ],
  invalid: [
    {
      name: 'lake without logging (the access-logs bucket is then nobody\'s target and fails too)',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_logging[lakeName]),
      findings: [
        { address: LAKE, message: 'bucket has no access logging; add an aws_s3_bucket_logging with target_bucket' },
        { address: LOGS, message: 'bucket has no access logging' },
      ],
    },
    {
      name: 'bucket logging to itself',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_logging[lakeName].target_bucket = `\${aws_s3_bucket.${lakeName}.bucket}`;
      }),
      findings: [
        { address: LAKE, message: 'bucket writes its access logs to itself' },
        { address: LOGS, message: 'bucket has no access logging' },
      ],
    },
  ],
});

ruleTable(CKV_AWS_300, {
  valid: [
    { name: 'enabled rule with empty filter aborts after 7 days', tf: compliantStack() },
    {
      name: 'filter with an empty prefix, as an array block',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_lifecycle_configuration[lakeName].rule = [
          { id: 'abort', status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] },
        ];
      }),
    },
    { name: 'inline lifecycle_rule', tf: only({ aws_s3_bucket: { b: { lifecycle_rule: [{ enabled: true, abort_incomplete_multipart_upload_days: 3 }] } } }) },
  ],
  invalid: [
    {
      name: 'no lifecycle configuration',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_lifecycle_configuration[lakeName]),
      findings: [{ address: LAKE, message: 'bucket has no lifecycle configuration; add a rule with status "Enabled", an empty filter and abort_incomplete_multipart_upload' }],
    },
    {
      name: 'abort rule disabled',
      tf: stackWith((tf) => {
        const rules = tf.resource.aws_s3_bucket_lifecycle_configuration[lakeName].rule as Record<string, unknown>[];
        rules[0].status = 'Disabled';
      }),
      findings: [{ address: LAKE, message: `no enabled whole-bucket rule in aws_s3_bucket_lifecycle_configuration.${lakeName} aborts incomplete multipart uploads` }],
    },
    {
      name: 'abort rule only under a prefix',
      tf: stackWith((tf) => {
        const rules = tf.resource.aws_s3_bucket_lifecycle_configuration[lakeName].rule as Record<string, unknown>[];
        rules[0].filter = { prefix: 'landing/' };
      }),
      findings: [{ address: LAKE, message: 'no enabled whole-bucket rule' }],
    },
  ],
});

ruleTable(CKV2_AWS_65, {
  valid: [{ name: 'BucketOwnerEnforced', tf: compliantStack() }],
  invalid: [
    {
      name: 'BucketOwnerPreferred keeps ACLs',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_ownership_controls[lakeName].rule = [{ object_ownership: 'BucketOwnerPreferred' }];
      }),
      findings: [{ address: LAKE, message: 'object_ownership is "BucketOwnerPreferred" in aws_s3_bucket_ownership_controls.lake_1A2B3C4D, so ACLs still apply' }],
    },
    {
      name: 'no ownership controls',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_ownership_controls[logsName]),
      findings: [{ address: LOGS, message: 'bucket has no ownership controls; add an aws_s3_bucket_ownership_controls' }],
    },
  ],
});

const tlsStatement = (resources: string[]) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: ['s3:*'],
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': false } },
});

ruleTable(PRS_S3_TLS_ONLY, {
  valid: [
    { name: 'JSON-string policy (lake) and policy document (access logs)', tf: compliantStack() },
    {
      name: 'literal ARNs, boolean condition value, Principal {AWS: "*"}',
      tf: only({
        aws_s3_bucket: { b: { bucket: 'my-bucket' } },
        aws_s3_bucket_policy: { p: { bucket: 'my-bucket', policy: JSON.stringify({ Statement: [tlsStatement(['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/*'])] }) } },
      }),
    },
  ],
  invalid: [
    {
      name: 'no bucket policy',
      tf: stackWith((tf) => delete tf.resource.aws_s3_bucket_policy[lakeName]),
      findings: [{ address: LAKE, message: 'bucket has no bucket policy, so requests over plain HTTP are allowed; add an aws_s3_bucket_policy with a statement { Effect: "Deny"' }],
    },
    {
      name: 'policy without the Deny statement',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_policy[lakeName].policy = JSON.stringify({ Statement: [{ ...JSON.parse(tlsPolicyJson(lakeName)).Statement[0], Effect: 'Allow' }] });
      }),
      findings: [{ address: LAKE, message: `bucket policy aws_s3_bucket_policy.${lakeName} does not deny requests without TLS` }],
    },
    {
      name: 'Deny covers the bucket but not its objects',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_policy[lakeName].policy = JSON.stringify({ Statement: [tlsStatement([`\${aws_s3_bucket.${lakeName}.arn}`])] });
      }),
      findings: [{ address: LAKE, message: `the TLS-only Deny statement does not cover its objects (\${${LAKE}.arn}/*)` }],
    },
    {
      name: 'policy document condition on the wrong value',
      tf: stackWith((tf) => {
        const doc = tf.data.aws_iam_policy_document.access_logs_policy_11AA22BB;
        const statements = doc.statement as Record<string, unknown>[];
        statements[0].condition = [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }];
      }),
      findings: [{ address: LOGS, message: `bucket policy aws_s3_bucket_policy.${logsName} does not deny requests without TLS` }],
    },
    {
      name: 'policy that is not JSON',
      tf: stackWith((tf) => {
        tf.resource.aws_s3_bucket_policy[lakeName].policy = '${jsonencode({Statement = []})}';
      }),
      findings: [{ address: LAKE, message: `bucket policy aws_s3_bucket_policy.${lakeName} (not JSON: \${jsonencode({Statement = []})}) cannot be read` }],
    },
  ],
});
