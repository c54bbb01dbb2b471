import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Activation } from '../../constructs/activation';
import { Destination } from '../../constructs/destination';
import type { Doc } from '../../specs/model';
import {
  afterSegmentationActivation,
  dailyActivation,
  doc,
  externalDestination,
  onceActivation,
  s3Destination,
  sftpDestination,
  sixHourActivation,
} from '../stacks/fixtures';
import { ACCOUNT, functionPolicy, Platform, resources, statement, synthWith } from './harness';

Testing.setupJest();

const addDestination = (p: Platform, d: Doc<'Destination'>) =>
  new Destination(p.scope, `Destination-${d.metadata.name}`, { destination: d, exports: p.exports, key: p.key, exportFunction: p.fn('export') });
const addActivation = (p: Platform, a: Doc<'Activation'>) =>
  new Activation(p.scope, `Activation-${a.metadata.name}`, { activation: a, exportFunction: p.fn('export'), scheduleGroupName: 'acme-dev', rulePrefix: 'acme-dev-act-', environmentName: 'dev' });

describe('Destination', () => {
  const json = synthWith((p) => [s3Destination, externalDestination, sftpDestination].forEach((d) => addDestination(p, d)));
  const policy = functionPolicy(json, 'export');

  test('s3 without a bucket: export may only put objects under the destination prefix of the exports bucket', () => {
    expect(statement(policy, 'PutBucketExportsObjects')).toMatchObject({ Action: ['s3:PutObject'], Resource: [expect.stringMatching(/Bucket-exports_Bucket_[0-9A-F]+\.arn\}\/destinations\/media-s3\/\*$/)] });
  });

  test('s3 with an external bucket and role: export may only assume that role', () => {
    expect(statement(policy, 'AssumeDestinationRoles')).toEqual({ Sid: 'AssumeDestinationRoles', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::777788889999:role/dsp-write'] });
  });

  test('s3 with an external bucket and no role: export may only put under its prefix', () => {
    const open = doc('Destination', 'open-s3', { ...externalDestination.spec, s3: { bucket: 'open-inbound', prefix: 'acme/' } });
    const p = functionPolicy(synthWith((x) => addDestination(x, open)), 'export');
    expect(statement(p, 'PutExternalOpenS3')).toEqual({ Sid: 'PutExternalOpenS3', Effect: 'Allow', Action: ['s3:PutObject'], Resource: ['arn:aws:s3:::open-inbound/acme/*'] });
  });

  test('sftp: export may read the server secret, declared by name only', () => {
    expect(json).toHaveResourceWithProperties(SecretsmanagerSecret, { name: 'prospect/media-sftp' });
    expect(statement(policy, 'ReadSftpSecrets').Resource).toEqual([expect.stringMatching(/SftpSecret-prospect__media-sftp_Secret_[0-9A-F]+\.arn/)]);
  });
});

describe('Activation', () => {
  const json = synthWith((p) => [dailyActivation, afterSegmentationActivation, onceActivation, sixHourActivation].forEach((a) => addActivation(p, a)));
  const schedules = Object.values(resources(json, 'aws_scheduler_schedule'));
  const byName = (name: string) => schedules.find((s) => s.name === name)!;

  test('daily: a one-day rate between startDate and the end of endDate', () => {
    expect(byName('activation-golf-to-media')).toMatchObject({
      schedule_expression: 'rate(1 day)',
      start_date: '2026-01-01T00:00:00Z',
      end_date: '2027-01-01T00:00:00Z',
      schedule_expression_timezone: 'UTC',
    });
    expect(JSON.parse(byName('activation-golf-to-media').target.input)).toEqual({ activation: 'golf-to-media', time: '<aws.scheduler.scheduled-time>' });
  });

  test('once: a one-time at() schedule on startDate', () => {
    const once = byName('activation-golf-to-sftp-once');
    expect(once.schedule_expression).toBe('at(2026-03-01T00:00:00)');
    expect(once.start_date).toBeUndefined();
  });

  test('every-6h: a six-hour rate', () => {
    expect(byName('activation-homeowners-to-sftp').schedule_expression).toBe('rate(6 hours)');
  });

  test('after-segmentation: an EventBridge rule on Segmentation Finished for its audiences in this environment', () => {
    expect(schedules.map((s) => s.name)).not.toContain('activation-homeowners-to-dsp');
    const rule = Object.values(resources(json, 'aws_cloudwatch_event_rule'))[0];
    expect(rule.name).toBe('acme-dev-act-homeowners-to-dsp');
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ['prospect.segmentation'],
      'detail-type': ['Segmentation Finished'],
      detail: { environment: ['dev'], audience: ['golf-30-55', 'homeowners'] },
    });
    const target = Object.values(resources(json, 'aws_cloudwatch_event_target'))[0];
    expect(target.input_transformer).toEqual({
      input_paths: { audience: '$.detail.audience', runId: '$.detail.runId' },
      input_template: '{"activation": "homeowners-to-dsp", "audience": <audience>, "runId": <runId>}',
    });
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      principal: 'events.amazonaws.com',
      source_arn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/acme-dev-act-*`,
    });
  });

  test('once without a start date fails synth naming the activation', () => {
    const bad = doc('Activation', 'no-start', { ...onceActivation.spec, schedule: { frequency: 'once' } });
    expect(() => synthWith((p) => addActivation(p, bad))).toThrow('Activation "no-start" schedule: frequency "once" needs a startDate');
  });
});
