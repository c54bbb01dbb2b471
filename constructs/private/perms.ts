// Named IAM action lists. Grants are built from these, never from wildcard strings
// scattered over the code (the same idea as aws-cdk's aws-s3/lib/perms.ts).

/** Read objects (any version) under a prefix. */
export const BUCKET_READ_ACTIONS: readonly string[] = ['s3:GetObject', 's3:GetObjectVersion'];
/** List keys; scoped to a prefix with the `s3:prefix` condition. */
export const BUCKET_LIST_ACTIONS: readonly string[] = ['s3:ListBucket'];
/** Create or overwrite objects only: what a partner writing into a landing prefix gets. */
export const BUCKET_PUT_ACTIONS: readonly string[] = ['s3:PutObject'];
/** Create, overwrite and delete objects, and clean up failed multipart uploads. */
export const BUCKET_WRITE_ACTIONS: readonly string[] = ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:PutObject'];

/** Read data encrypted with the key (S3 objects, SQS messages, secrets). */
export const KEY_DECRYPT_ACTIONS: readonly string[] = ['kms:Decrypt'];
/** Write data encrypted with the key; multipart uploads also decrypt the data key. */
export const KEY_ENCRYPT_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey'];
/** What CloudWatch Logs needs to encrypt a log group with a customer managed key. */
export const KEY_LOGS_SERVICE_ACTIONS: readonly string[] = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];
/**
 * Full control of the key for the account root, so that IAM policies decide who administers it
 * and the key can never become unmanageable (AWS's default key policy does the same).
 */
export const KEY_ACCOUNT_ROOT_ACTIONS: readonly string[] = ['kms:*'];

export const LOG_WRITE_ACTIONS: readonly string[] = ['logs:CreateLogStream', 'logs:PutLogEvents'];
export const QUEUE_SEND_ACTIONS: readonly string[] = ['sqs:SendMessage'];
/** X-Ray has no resource-level permissions: these two go on resource `*` (actions stay named). */
export const TRACE_WRITE_ACTIONS: readonly string[] = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
export const SECRET_READ_ACTIONS: readonly string[] = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];
export const FUNCTION_INVOKE_ACTIONS: readonly string[] = ['lambda:InvokeFunction'];
export const ROLE_ASSUME_ACTIONS: readonly string[] = ['sts:AssumeRole'];
export const EVENT_PUT_ACTIONS: readonly string[] = ['events:PutEvents'];
/** Register new batches of a dataset as partitions of its Glue table. */
export const GLUE_PARTITION_WRITE_ACTIONS: readonly string[] = [
  'glue:BatchCreatePartition',
  'glue:CreatePartition',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:GetTable',
];

/** Run queries in the workgroup and read their state and results. */
export const ATHENA_QUERY_ACTIONS: readonly string[] = [
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetWorkGroup',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
];
/** Read table definitions and partitions from the Glue catalog (what Athena does for the caller). */
export const GLUE_TABLE_READ_ACTIONS: readonly string[] = ['glue:GetDatabase', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable'];
/** CTAS creates (and a re-run replaces) a table for its output. */
export const GLUE_TABLE_WRITE_ACTIONS: readonly string[] = ['glue:CreateTable', 'glue:DeleteTable'];
