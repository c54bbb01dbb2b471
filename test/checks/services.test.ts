import { CKV_AWS_7 } from '../../checks/rules/CKV_AWS_7';
import { CKV_AWS_27 } from '../../checks/rules/CKV_AWS_27';
import { CKV_AWS_66 } from '../../checks/rules/CKV_AWS_66';
import { CKV_AWS_82 } from '../../checks/rules/CKV_AWS_82';
import { CKV_AWS_149 } from '../../checks/rules/CKV_AWS_149';
import { CKV_AWS_158 } from '../../checks/rules/CKV_AWS_158';
import { CKV_AWS_338 } from '../../checks/rules/CKV_AWS_338';
import { compliantStack, only, stackWith } from './fixtures';
import { ruleTable } from './table';

const KEY = 'aws_kms_key.key_0A1B2C3D';
const QUEUE = 'aws_sqs_queue.ingest_dlq_AB12CD34';
const LOGS = 'aws_cloudwatch_log_group.ingest_logs_EF56AB78';
const SECRET = 'aws_secretsmanager_secret.sftp_CD90EF12';
const WG = 'aws_athena_workgroup.segment_34AB56CD';

ruleTable(CKV_AWS_7, {
  valid: [
    { name: 'rotation enabled', tf: compliantStack() },
    { name: 'asymmetric key cannot rotate', tf: only({ aws_kms_key: { k: { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' } } }) },
  ],
  invalid: [
    {
      name: 'rotation left out',
      tf: stackWith((tf) => delete tf.resource.aws_kms_key.key_0A1B2C3D.enable_key_rotation),
      findings: [{ address: KEY, path: 'dev/key', message: 'enable_key_rotation is not set; set enable_key_rotation = true' }],
    },
    { name: 'rotation false on a SYMMETRIC_DEFAULT key', tf: only({ aws_kms_key: { k: { customer_master_key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: false } } }), findings: [{ address: 'aws_kms_key.k', message: 'enable_key_rotation is false' }] },
  ],
});

ruleTable(CKV_AWS_27, {
  valid: [
    { name: 'KMS key', tf: compliantStack() },
    { name: 'SQS managed SSE', tf: only({ aws_sqs_queue: { q: { sqs_managed_sse_enabled: true } } }) },
  ],
  invalid: [
    {
      name: 'neither',
      tf: stackWith((tf) => delete tf.resource.aws_sqs_queue.ingest_dlq_AB12CD34.kms_master_key_id),
      findings: [{ address: QUEUE, message: "queue is not encrypted; set kms_master_key_id to the environment's KMS key" }],
    },
    { name: 'SSE explicitly off', tf: only({ aws_sqs_queue: { q: { sqs_managed_sse_enabled: false } } }), findings: [{ address: 'aws_sqs_queue.q', message: 'queue is not encrypted' }] },
  ],
});

ruleTable(CKV_AWS_66, {
  valid: [
    { name: '365 days', tf: compliantStack() },
    { name: 'expression', tf: only({ aws_cloudwatch_log_group: { g: { retention_in_days: '${var.retention}' } } }) },
  ],
  invalid: [
    {
      name: 'left out',
      tf: stackWith((tf) => delete tf.resource.aws_cloudwatch_log_group.ingest_logs_EF56AB78.retention_in_days),
      findings: [{ address: LOGS, message: 'retention_in_days is not set, so logs never expire; set retention_in_days' }],
    },
    { name: '0 = never expire', tf: only({ aws_cloudwatch_log_group: { g: { retention_in_days: 0 } } }), findings: [{ address: 'aws_cloudwatch_log_group.g', message: 'retention_in_days is 0' }] },
  ],
});

ruleTable(CKV_AWS_338, {
  valid: [
    { name: '365 days', tf: compliantStack() },
    { name: 'left out is CKV_AWS_66\'s finding, not this one', tf: only({ aws_cloudwatch_log_group: { g: {} } }) },
  ],
  invalid: [
    {
      name: '30 days',
      tf: stackWith((tf) => {
        tf.resource.aws_cloudwatch_log_group.ingest_logs_EF56AB78.retention_in_days = 30;
      }),
      findings: [{ address: LOGS, message: 'retention_in_days is 30, under a year; set it to 365 or more' }],
    },
  ],
});

ruleTable(CKV_AWS_158, {
  valid: [{ name: 'kms_key_id set', tf: compliantStack() }],
  invalid: [
    {
      name: 'no kms_key_id',
      tf: stackWith((tf) => delete tf.resource.aws_cloudwatch_log_group.ingest_logs_EF56AB78.kms_key_id),
      findings: [{ address: LOGS, message: 'log group is not encrypted with a KMS key; set kms_key_id' }],
    },
  ],
});

ruleTable(CKV_AWS_149, {
  valid: [{ name: 'environment key', tf: compliantStack() }],
  invalid: [
    {
      name: 'no kms_key_id',
      tf: stackWith((tf) => delete tf.resource.aws_secretsmanager_secret.sftp_CD90EF12.kms_key_id),
      findings: [{ address: SECRET, message: "secret has no kms_key_id, so it uses the AWS managed key; set kms_key_id to the environment's KMS key ARN" }],
    },
    {
      name: 'AWS managed alias',
      tf: only({ aws_secretsmanager_secret: { s: { kms_key_id: 'alias/aws/secretsmanager' } } }),
      findings: [{ address: 'aws_secretsmanager_secret.s', message: 'secret uses the AWS managed key alias/aws/secretsmanager' }],
    },
  ],
});

ruleTable(CKV_AWS_82, {
  valid: [
    { name: 'SSE_KMS results, enforced', tf: compliantStack() },
    {
      name: 'enforce left out (Terraform default true)',
      tf: only({ aws_athena_workgroup: { w: { configuration: [{ result_configuration: [{ encryption_configuration: [{ encryption_option: 'SSE_S3' }] }] }] } } }),
    },
  ],
  invalid: [
    {
      name: 'not enforced',
      tf: stackWith((tf) => {
        (tf.resource.aws_athena_workgroup.segment_34AB56CD.configuration as Record<string, unknown>).enforce_workgroup_configuration = false;
      }),
      findings: [{ address: WG, message: 'enforce_workgroup_configuration is false, so clients may override result encryption' }],
    },
    {
      name: 'no configuration at all',
      tf: only({ aws_athena_workgroup: { w: { name: 'w' } } }),
      findings: [{ address: 'aws_athena_workgroup.w', message: 'query results are not encrypted; set configuration.result_configuration.encryption_configuration' }],
    },
  ],
});
