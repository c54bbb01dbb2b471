import { Testing } from 'cdktf';
import { SchedulerSchedule, SchedulerScheduleConfig } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { scheduleResource } from '../../constructs/function-schedule';

describe('lean aws_scheduler_schedule', () => {
  const config: SchedulerScheduleConfig = {
    name: 'audience-golf',
    groupName: 'acme-dev',
    description: 'Evaluate audience golf',
    scheduleExpression: 'rate(1 day)',
    scheduleExpressionTimezone: 'UTC',
    startDate: '2026-01-01T00:00:00Z',
    endDate: '2027-01-01T00:00:00Z',
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:acme-dev-segment',
      roleArn: 'arn:aws:iam::123456789012:role/acme-dev-segment-scheduler',
      input: '{"audience":"golf"}',
      retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
    },
  };

  test('synthesizes exactly what the provider class does', () => {
    const body = (json: string) => {
      const [resource] = Object.values(JSON.parse(json).resource.aws_scheduler_schedule) as Record<string, unknown>[];
      const { ['//']: _metadata, ...attributes } = resource;
      return attributes;
    };
    const lean = Testing.synthScope((s) => {
      scheduleResource(s, 'Schedule', config);
    });
    const typed = Testing.synthScope((s) => {
      new SchedulerSchedule(s, 'Schedule', config);
    });
    expect(body(lean)).toEqual(body(typed));
    expect(body(lean)).toMatchObject({ name: 'audience-golf', target: { retry_policy: { maximum_retry_attempts: 2 } } });
  });
});
