import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { Audience } from '../../constructs/audience';
import { doc, golfAudience, weeklyAudience } from '../stacks/fixtures';
import { resources, synthWith } from './harness';

Testing.setupJest();

describe('Audience', () => {
  const json = synthWith((p) => {
    for (const a of [golfAudience, weeklyAudience]) new Audience(p.scope, `Audience-${a.metadata.name}`, { audience: a, segment: p.fn('segment'), scheduleGroupName: 'acme-dev' });
  });

  test('runs the segment function on the spec schedule converted to EventBridge cron, UTC', () => {
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, {
      name: 'audience-golf-30-55',
      schedule_expression: 'cron(0 7 * * ? *)',
      schedule_expression_timezone: 'UTC',
    });
    expect(json).toHaveResourceWithProperties(SchedulerSchedule, { name: 'audience-homeowners', schedule_expression: 'cron(30 8 ? * 2 *)' });
  });

  test('passes {audience, time} to the segment function, the time being the scheduled time', () => {
    const golf = Object.values(resources(json, 'aws_scheduler_schedule')).find((s) => s.name === 'audience-golf-30-55')!;
    expect(JSON.parse(golf.target.input)).toEqual({ audience: 'golf-30-55', time: '<aws.scheduler.scheduled-time>' });
    expect(golf.target.arn).toMatch(/aws_lambda_function\.Function-segment_Function_[0-9A-F]+\.arn/);
    expect(golf.target.retry_policy).toEqual({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 });
  });

  test('a bad schedule fails synth naming the audience', () => {
    const bad = doc('Audience', 'bad-cron', { ...golfAudience.spec, schedule: '0 7 31 * MON' });
    expect(() => synthWith((p) => new Audience(p.scope, 'Audience-bad-cron', { audience: bad, segment: p.fn('segment'), scheduleGroupName: 'g' }))).toThrow(
      'Audience "bad-cron" schedule "0 7 31 * MON" restricts both day-of-month and day-of-week',
    );
  });

  test('shortens schedule names past 64 characters with a stable hash', () => {
    const long = doc('Audience', 'a'.repeat(63), golfAudience.spec);
    const out = synthWith((p) => new Audience(p.scope, 'Audience-long', { audience: long, segment: p.fn('segment'), scheduleGroupName: 'g' }));
    const name = Object.values(resources(out, 'aws_scheduler_schedule'))[0].name as string;
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^audience-a+-[0-9a-f]{8}$/);
  });
});
