// An EventBridge Scheduler schedule that invokes a pipeline function with a fixed JSON input,
// through the function's scheduler role. Used by audiences, sources and activations.

import { Construct } from 'constructs';
import {
  SchedulerScheduleConfig,
  schedulerScheduleFlexibleTimeWindowToTerraform,
  schedulerScheduleTargetToTerraform,
} from '@cdktf/provider-aws/lib/scheduler-schedule';
import { LeanResource } from './private/lean-resource';
import { physicalName, terraformLiteral } from './private/names';
import type { PipelineFunction } from './pipeline-function';

export interface FunctionScheduleProps {
  /** Schedule name (shortened with a hash past 64 characters). */
  readonly name: string;
  /** The environment's schedule group. */
  readonly groupName: string;
  /** `cron(...)`, `rate(...)` or `at(...)`, evaluated in UTC. */
  readonly expression: string;
  readonly target: PipelineFunction;
  /** Sent to the function as its event. */
  readonly input: Readonly<Record<string, string>>;
  /** RFC 3339. @default - active from creation */
  readonly startDate?: string;
  /** RFC 3339. @default - never ends */
  readonly endDate?: string;
  readonly description?: string;
}

export class FunctionSchedule extends Construct {
  /** An aws_scheduler_schedule (lean: there may be thousands, see private/lean-resource.ts). */
  readonly schedule: LeanResource;

  constructor(scope: Construct, id: string, props: FunctionScheduleProps) {
    super(scope, id);
    this.schedule = scheduleResource(this, 'Schedule', {
      name: physicalName(props.name, 64),
      groupName: props.groupName,
      description: props.description === undefined ? undefined : terraformLiteral(props.description),
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: 'UTC',
      startDate: props.startDate,
      endDate: props.endDate,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.target.arn,
        roleArn: props.target.schedulerRoleArn,
        input: JSON.stringify(props.input),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}

/** An aws_scheduler_schedule from its typed config, synthesized as SchedulerSchedule would be. */
export function scheduleResource(scope: Construct, id: string, c: SchedulerScheduleConfig): LeanResource {
  return new LeanResource(scope, id, 'aws_scheduler_schedule', {
    action_after_completion: c.actionAfterCompletion,
    description: c.description,
    end_date: c.endDate,
    group_name: c.groupName,
    kms_key_arn: c.kmsKeyArn,
    name: c.name,
    name_prefix: c.namePrefix,
    schedule_expression: c.scheduleExpression,
    schedule_expression_timezone: c.scheduleExpressionTimezone,
    start_date: c.startDate,
    state: c.state,
    flexible_time_window: schedulerScheduleFlexibleTimeWindowToTerraform(c.flexibleTimeWindow),
    target: schedulerScheduleTargetToTerraform(c.target),
  });
}
