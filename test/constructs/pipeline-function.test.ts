import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { PIPELINE_HANDLERS, PipelineFunction } from '../../constructs/pipeline-function';
import { DuckdbLayer } from '../../constructs/duckdb-layer';
import { allIdentityActions, functionPolicy, resources, statement, synthWith, ACCOUNT } from './harness';

Testing.setupJest();

describe('PipelineFunction', () => {
  const json = synthWith((p) => {
    const layer = new DuckdbLayer(p.scope, 'DuckdbLayer', { artifactsBucket: p.lake, layerName: 'acme-dev-duckdb' });
    new PipelineFunction(p.scope, 'Function-segment', {
      handler: 'segment',
      namePrefix: 'acme-dev',
      account: ACCOUNT,
      region: 'eu-west-1',
      key: p.key,
      environment: { PROSPECT_MANIFEST_BUCKET: 'acme-dev-lake', PROSPECT_MANIFEST_KEY: 'runtime/manifest.json' },
      logRetentionDays: 30,
      reservedConcurrency: 4,
      memorySize: 3008,
      layers: [layer],
    });
  });
  const fn = Object.values(resources(json, 'aws_lambda_function'))[0];

  test('runs Node 20 code bundled from handlers/<name>.ts, with tracing, reserved concurrency and a dead-letter queue', () => {
    expect(fn).toMatchObject({
      function_name: 'acme-dev-segment',
      runtime: 'nodejs20.x',
      architectures: ['x86_64'],
      handler: 'index.handler',
      memory_size: 3008,
      timeout: 900,
      reserved_concurrent_executions: 4,
      tracing_config: { mode: 'Active' },
      dead_letter_config: { target_arn: expect.stringMatching(/aws_sqs_queue\.Function-segment_DeadLetterQueue_[0-9A-F]+\.arn/) },
      environment: { variables: { PROSPECT_MANIFEST_BUCKET: 'acme-dev-lake', PROSPECT_MANIFEST_KEY: 'runtime/manifest.json' } },
      kms_key_arn: expect.stringMatching(/aws_kms_key\./),
    });
    expect(fn.filename).toMatch(/^assets\/Function-segment_Code_[0-9A-F]+\/[0-9a-f]{32}\/segment-[0-9a-f]{16}\.zip$/);
    expect(Buffer.from(fn.source_code_hash, 'base64')).toHaveLength(32);
    expect(fn.layers).toEqual([expect.stringMatching(/aws_lambda_layer_version\.DuckdbLayer_[0-9A-F]+\.arn/)]);
  });

  test('logs to an encrypted log group with the given retention, and queues failures in an encrypted queue', () => {
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/acme-dev-segment', retention_in_days: 30 });
    expect(Object.values(resources(json, 'aws_cloudwatch_log_group'))[0].kms_key_id).toMatch(/aws_kms_key\..*\.arn/);
    expect(json).toHaveResourceWithProperties(SqsQueue, { name: 'acme-dev-segment-dlq', kms_data_key_reuse_period_seconds: 300 });
    expect(Object.values(resources(json, 'aws_sqs_queue'))[0].kms_master_key_id).toMatch(/aws_kms_key\..*\.arn/);
  });

  test('has its own role, assumable by Lambda in this account only, with exactly the base actions', () => {
    const role = Object.values(resources(json, 'aws_iam_role')).find((r) => r.name === 'acme-dev-segment')!;
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]);
    const policy = functionPolicy(json, 'segment');
    expect(policy.map((s) => [s.Sid, s.Action])).toEqual([
      ['EncryptWithEnvironmentKey', ['kms:Decrypt', 'kms:GenerateDataKey']],
      ['SendToOwnDeadLetterQueue', ['sqs:SendMessage']],
      ['WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents']],
      ['WriteTraces', ['xray:PutTelemetryRecords', 'xray:PutTraceSegments']],
    ]);
    expect(statement(policy, 'WriteOwnLogs').Resource).toEqual([expect.stringMatching(/aws_cloudwatch_log_group\.Function-segment_LogGroup_[0-9A-F]+\.arn\}:\*$/)]);
    expect(allIdentityActions(json).filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  test('uploads the DuckDB layer through S3 (it is over the 50 MB direct-upload limit)', () => {
    const object = Object.values(resources(json, 'aws_s3_object'))[0];
    expect(object.key).toMatch(/^artifacts\/lambda-layers\/duckdb\/[0-9a-f]{64}\.zip$/);
    expect(object.source).toMatch(/^assets\/DuckdbLayer_Zip_[0-9A-F]+\/[0-9a-f]{32}\/duckdb-[0-9a-f]{16}\.zip$/);
    const layer = Object.values(resources(json, 'aws_lambda_layer_version'))[0];
    expect(layer).toMatchObject({ layer_name: 'acme-dev-duckdb', compatible_runtimes: ['nodejs20.x'], compatible_architectures: ['x86_64'] });
    expect(layer.s3_key).toMatch(/aws_s3_object\.DuckdbLayer_Object_[0-9A-F]+\.key/);
  });

  test('fails synth with a clear error past Lambda\'s 250 MB unzipped limit', () => {
    expect(() =>
      synthWith((p) => {
        const huge = { arn: 'arn:aws:lambda:eu-west-1:1:layer:x:1', unzippedBytes: 240 * 1024 * 1024 } as DuckdbLayer;
        new PipelineFunction(p.scope, 'Function-export', { handler: 'export', namePrefix: 'x', account: ACCOUNT, region: 'eu-west-1', key: p.key, environment: {}, reservedConcurrency: 1, layers: [huge, huge] });
      }),
    ).toThrow(/function x-export: code \(.+ MB\) plus layers \(480\.0 MB\) is .+ MB unzipped, over Lambda's 250\.0 MB limit/);
  });

  test('refuses secret-looking environment variables', () => {
    expect(() =>
      synthWith((p) => {
        new PipelineFunction(p.scope, 'Function-export', { handler: 'export', namePrefix: 'x', account: ACCOUNT, region: 'eu-west-1', key: p.key, environment: { SFTP_PASSWORD: 'hunter2' }, reservedConcurrency: 1 });
      }),
    ).toThrow('function x-export: environment variable SFTP_PASSWORD looks like a secret');
  });

  test('bundles every pipeline handler', () => {
    const out = synthWith((p) => PIPELINE_HANDLERS.forEach((h) => p.fn(h)));
    expect(Object.values(resources(out, 'aws_lambda_function')).map((f) => f.function_name).sort()).toEqual(['acme-dev-export', 'acme-dev-ingest', 'acme-dev-segment', 'acme-dev-sftp-poll']);
  });
});
