import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { S3Source } from '../../constructs/s3-source';
import { SftpSource } from '../../constructs/sftp-source';
import type { Doc } from '../../specs/model';
import { doc, externalSource, landingSource, prospectsDataset, sftpSource } from '../stacks/fixtures';
import { ACCOUNT, bucketPolicy, functionPolicy, keyPolicy, Platform, resources, statement, synthWith } from './harness';

Testing.setupJest();

function addS3Source(p: Platform, source: Doc<'Source'>): void {
  new S3Source(p.scope, `Source-${source.metadata.name}`, {
    source,
    dataset: prospectsDataset,
    landing: p.landing,
    ingest: p.fn('ingest'),
    scheduleGroupName: 'acme-dev',
    rulePrefix: 'acme-dev-src-',
  });
}

function addSftpSource(p: Platform, source: Doc<'Source'>): void {
  new SftpSource(p.scope, `Source-${source.metadata.name}`, {
    source,
    dataset: prospectsDataset,
    landing: p.landing,
    key: p.key,
    sftpPoll: p.fn('sftp-poll'),
    ingest: p.fn('ingest'),
    scheduleGroupName: 'acme-dev',
    rulePrefix: 'acme-dev-src-',
  });
}

describe('S3Source without an external bucket', () => {
  const json = synthWith((p) => addS3Source(p, landingSource));

  test('lets the writer principal only PutObject under the landing prefix', () => {
    const s = statement(bucketPolicy(json, 'landing'), 'PartnerWritesAcmeS3Drop');
    expect(s.Principal).toEqual({ AWS: ['arn:aws:iam::444455556666:role/acme-delivery'] });
    expect(s.Action).toEqual(['s3:PutObject']);
    expect(s.Resource).toEqual([expect.stringMatching(/\.arn\}\/sources\/acme-s3-drop\/\*$/)]);
    expect(statement(keyPolicy(json), 'PartnersWriteViaS3').Principal).toEqual({ AWS: ['arn:aws:iam::444455556666:role/acme-delivery'] });
  });

  test('sends landing-bucket events to EventBridge and runs ingest for Object Created under the prefix', () => {
    expect(json).toHaveResourceWithProperties(S3BucketNotification, { eventbridge: true });
    const rule = Object.values(resources(json, 'aws_cloudwatch_event_rule'))[0];
    expect(rule.name).toBe('acme-dev-src-acme-s3-drop');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: ['acme-dev-landing'] }, object: { key: [{ prefix: 'sources/acme-s3-drop/' }] } },
    });
    const target = Object.values(resources(json, 'aws_cloudwatch_event_target'))[0];
    expect(target.arn).toMatch(/aws_lambda_function\.Function-ingest_Function_[0-9A-F]+\.arn/);
    expect(target.input_transformer).toEqual({
      input_paths: { bucket: '$.detail.bucket.name', key: '$.detail.object.key' },
      input_template: '{"source": "acme-s3-drop", "bucket": <bucket>, "key": <key>}',
    });
  });

  test('lets the environment\'s source rules invoke ingest with one permission', () => {
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      source_account: ACCOUNT,
      source_arn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/acme-dev-src-*`,
    });
  });

  test('expires landed files with the dataset', () => {
    const landing = Object.entries(resources(json, 'aws_s3_bucket_lifecycle_configuration')).find(([n]) => n.startsWith('Bucket-landing_'))![1];
    expect(landing.rule).toContainEqual({
      id: 'source-acme-s3-drop',
      status: 'Enabled',
      filter: [{ prefix: 'sources/acme-s3-drop/' }],
      expiration: [{ days: 90 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });
});

describe('S3Source with an external bucket', () => {
  const json = synthWith((p) => addS3Source(p, externalSource));

  test('polls on the converted cron schedule, in UTC', () => {
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, {
      name: 'source-acme-s3-pull',
      group_name: 'acme-dev',
      schedule_expression: 'cron(15 5 ? * 2-6 *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
    });
    const schedule = Object.values(resources(json, 'aws_scheduler_schedule'))[0];
    expect(JSON.parse(schedule.target.input)).toEqual({ source: 'acme-s3-pull' });
    expect(schedule.target.role_arn).toMatch(/Function-ingest_SchedulerRole_/);
  });

  test('lets ingest assume only the partner\'s read role', () => {
    expect(statement(functionPolicy(json, 'ingest'), 'AssumePartnerReadRoles')).toMatchObject({ Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::444455556666:role/acme-read'] });
    expect(Object.keys(resources(json, 'aws_cloudwatch_event_rule'))).toHaveLength(0);
  });

  test('without a role, grants ingest read on the external prefix only', () => {
    const noRole = doc('Source', 'acme-open', { ...externalSource.spec, s3: { bucket: 'acme-outbound', prefix: 'x/' } });
    const statements = functionPolicy(synthWith((p) => addS3Source(p, noRole)), 'ingest');
    expect(statement(statements, 'ReadExternalAcmeOpen')).toMatchObject({ Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: ['arn:aws:s3:::acme-outbound/x/*'] });
    expect(statement(statements, 'ListExternalAcmeOpen')).toMatchObject({ Resource: ['arn:aws:s3:::acme-outbound'], Condition: { StringLike: { 's3:prefix': ['x/*'] } } });
  });

  test('needs a schedule', () => {
    const unscheduled = doc('Source', 'acme-unscheduled', { ...externalSource.spec, schedule: undefined });
    expect(() => synthWith((p) => addS3Source(p, unscheduled))).toThrow('Source "acme-unscheduled" reads the external bucket acme-outbound and needs a schedule');
  });

  test('reports a bad cron where it is', () => {
    const bad = doc('Source', 'acme-bad', { ...externalSource.spec, schedule: '0 6 * *' });
    expect(() => synthWith((p) => addS3Source(p, bad))).toThrow('Source "acme-bad" schedule "0 6 * *" has 4 fields');
  });
});

describe('SftpSource', () => {
  const json = synthWith((p) => addSftpSource(p, sftpSource));

  test('declares the credential secret by name only, encrypted with the environment key', () => {
    const secret = Object.values(resources(json, 'aws_secretsmanager_secret'))[0];
    expect(secret).toMatchObject({ name: 'prospect/acme-sftp', kms_key_id: expect.stringMatching(/aws_kms_key\..*\.arn/) });
    expect(Object.keys(resources(json, 'aws_secretsmanager_secret_version'))).toHaveLength(0);
  });

  test('runs sftp-poll on the converted schedule through its scheduler role', () => {
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, { name: 'source-acme-sftp-weekly', schedule_expression: 'cron(0 6 ? * 2 *)' });
    const role = Object.entries(resources(json, 'aws_iam_role')).find(([n]) => n.startsWith('Function-sftp-poll_SchedulerRole_'))![1];
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toMatchObject({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } });
    const policy = Object.entries(resources(json, 'aws_iam_role_policy')).find(([n]) => n.startsWith('Function-sftp-poll_SchedulerPolicy_'))![1];
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: 'InvokePipelineFunction', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [expect.stringMatching(/Function-sftp-poll_Function_[0-9A-F]+\.arn/)] },
    ]);
  });

  test('lets sftp-poll read only that secret, and ingest pick up what lands', () => {
    expect(statement(functionPolicy(json, 'sftp-poll'), 'ReadSftpSecrets')).toMatchObject({
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      Resource: [expect.stringMatching(/aws_secretsmanager_secret\.SftpSecret-prospect__acme-sftp_Secret_[0-9A-F]+\.arn/)],
    });
    const rule = Object.values(resources(json, 'aws_cloudwatch_event_rule'))[0];
    expect(JSON.parse(rule.event_pattern).detail.object.key).toEqual([{ prefix: 'sources/acme-sftp-weekly/' }]);
  });

  test('shares one secret between documents that name the same one', () => {
    const twin = doc('Source', 'acme-sftp-daily', { ...sftpSource.spec, schedule: '0 6 * * *' });
    const out = synthWith((p) => {
      addSftpSource(p, sftpSource);
      addSftpSource(p, twin);
    });
    expect(Object.keys(resources(out, 'aws_secretsmanager_secret'))).toHaveLength(1);
  });
});
