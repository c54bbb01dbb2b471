import { CKV_AWS_45 } from '../../checks/rules/CKV_AWS_45';
import { CKV_AWS_50 } from '../../checks/rules/CKV_AWS_50';
import { CKV_AWS_115 } from '../../checks/rules/CKV_AWS_115';
import { CKV_AWS_116 } from '../../checks/rules/CKV_AWS_116';
import { compliantStack, FN, only, stackWith } from './fixtures';
import { ruleTable } from './table';

const fnName = 'ingest_9C0D1E2F';
const FN_PATH = 'dev/functions/ingest/function';

ruleTable(CKV_AWS_116, {
  valid: [
    { name: 'dead_letter_config with an SQS target', tf: compliantStack() },
    {
      name: 'on-failure destination in an event invoke config',
      tf: only({
        aws_lambda_function: { f: { function_name: 'f' } },
        aws_lambda_function_event_invoke_config: {
          c: { function_name: '${aws_lambda_function.f.function_name}', destination_config: { on_failure: { destination: '${aws_sqs_queue.q.arn}' } } },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'no dead_letter_config',
      tf: stackWith((tf) => delete tf.resource.aws_lambda_function[fnName].dead_letter_config),
      findings: [{ address: FN, path: FN_PATH, message: 'function has no dead-letter queue, so failed asynchronous events are dropped; set dead_letter_config' }],
    },
    {
      name: 'invoke config of another function does not count',
      tf: only({
        aws_lambda_function: { f: {}, g: { dead_letter_config: [{ target_arn: 'arn:aws:sqs:eu-west-1:123456789012:g-dlq' }] } },
        aws_lambda_function_event_invoke_config: { c: { function_name: '${aws_lambda_function.g.arn}', destination_config: { on_failure: { destination: 'x' } } } },
      }),
      findings: [{ address: 'aws_lambda_function.f', message: 'function has no dead-letter queue' }],
    },
  ],
});

ruleTable(CKV_AWS_50, {
  valid: [{ name: 'tracing Active', tf: compliantStack() }],
  invalid: [
    {
      name: 'PassThrough',
      tf: stackWith((tf) => {
        tf.resource.aws_lambda_function[fnName].tracing_config = [{ mode: 'PassThrough' }];
      }),
      findings: [{ address: FN, message: 'tracing mode is "PassThrough"; set tracing_config { mode = "Active" }' }],
    },
    { name: 'no tracing_config', tf: only({ aws_lambda_function: { f: {} } }), findings: [{ address: 'aws_lambda_function.f', message: 'tracing mode is not set' }] },
  ],
});

ruleTable(CKV_AWS_115, {
  valid: [
    { name: 'reserved concurrency 5', tf: compliantStack() },
    { name: 'reserved concurrency from an expression', tf: only({ aws_lambda_function: { f: { reserved_concurrent_executions: '${var.concurrency}' } } }) },
  ],
  invalid: [
    {
      name: 'left out',
      tf: stackWith((tf) => delete tf.resource.aws_lambda_function[fnName].reserved_concurrent_executions),
      findings: [{ address: FN, message: 'reserved_concurrent_executions is not set, so one function can starve the others' }],
    },
    { name: '-1 (unreserved)', tf: only({ aws_lambda_function: { f: { reserved_concurrent_executions: -1 } } }), findings: [{ address: 'aws_lambda_function.f', message: 'reserved_concurrent_executions is -1' }] },
  ],
});

const withEnv = (variables: Record<string, unknown>) => only({ aws_lambda_function: { f: { environment: { variables } } } });

ruleTable(CKV_AWS_45, {
  valid: [
    { name: 'references, *_NAME pointer, S3 object key', tf: compliantStack() },
    { name: 'secret ARN as a literal', tf: withEnv({ DB_PASSWORD_SECRET: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' }) },
    { name: 'empty value', tf: withEnv({ API_TOKEN: '' }) },
    { name: 'KMS key id (bare KEY is not a secret name)', tf: withEnv({ KMS_KEY: 'alias/prospect-dev' }) },
  ],
  invalid: [
    {
      name: 'literal password and token, reported in name order',
      tf: withEnv({ SFTP_PASSWORD: 'hunter2', partnerApiToken: 'abc123', LAKE_BUCKET: 'prospect-dev-lake' }),
      findings: [
        { address: 'aws_lambda_function.f', message: 'environment variable SFTP_PASSWORD looks like a secret and has a literal value; store it in Secrets Manager' },
        { address: 'aws_lambda_function.f', message: 'environment variable partnerApiToken looks like a secret' },
      ],
    },
    {
      name: 'AWS access key id under an innocent name',
      tf: withEnv({ PARTNER_CONFIG: 'AKIAIOSFODNN7EXAMPLE' }),
      findings: [{ address: 'aws_lambda_function.f', message: 'PARTNER_CONFIG holds a literal credential (an AWS access key id or a private key)' }],
    },
    {
      name: 'private key value',
      tf: stackWith((tf) => {
        const env = tf.resource.aws_lambda_function[fnName].environment as { variables: Record<string, unknown> };
        env.variables.SSH_KEY_NAME = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc';
      }),
      findings: [{ address: FN, message: 'SSH_KEY_NAME holds a literal credential' }],
    },
  ],
});
