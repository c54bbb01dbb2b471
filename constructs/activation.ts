// An Activation: when the export function runs for it. trigger scheduled (the default): an
// EventBridge Scheduler schedule from frequency (once -> at(startDate), daily -> rate(1 day),
// every-Nh -> rate(N hours)) within startDate..endDate. trigger after-segmentation: an
// EventBridge rule on "Segmentation Finished" events of this environment for any of its
// audiences, passing {activation, audience, runId}; the export handler applies the date window.

import { Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { Doc } from '../specs/model';
import { FunctionSchedule } from './function-schedule';
import type { PipelineFunction } from './pipeline-function';
import { activationScheduleWindow } from './private/activation-schedule';
import { physicalName } from './private/names';
import { SEGMENTATION_EVENT_SOURCE, SEGMENTATION_FINISHED } from '../runtime/contract';

export interface ActivationProps {
  readonly activation: Doc<'Activation'>;
  readonly exportFunction: PipelineFunction;
  readonly scheduleGroupName: string;
  /** Prefix of this environment's EventBridge rule names for activations. */
  readonly rulePrefix: string;
  /** Environment name, matched in segmentation events. */
  readonly environmentName: string;
}

export class Activation extends Construct {
  constructor(scope: Construct, id: string, props: ActivationProps) {
    super(scope, id);
    const { activation, exportFunction } = props;
    const name = activation.metadata.name;
    const where = `Activation "${name}" schedule`;
    if (activation.spec.schedule.trigger === 'after-segmentation') {
      const rule = new CloudwatchEventRule(this, 'Rule', {
        name: physicalName(`${props.rulePrefix}${name}`, 64),
        description: `Export activation ${name} after its audiences are segmented`,
        eventPattern: JSON.stringify({
          source: [SEGMENTATION_EVENT_SOURCE],
          'detail-type': [SEGMENTATION_FINISHED],
          detail: { environment: [props.environmentName], audience: [...activation.spec.audiences].sort() },
        }),
      });
      new CloudwatchEventTarget(this, 'Target', {
        rule: rule.name,
        arn: exportFunction.arn,
        inputTransformer: {
          inputPaths: { audience: '$.detail.audience', runId: '$.detail.runId' },
          inputTemplate: `{"activation": ${JSON.stringify(name)}, "audience": <audience>, "runId": <runId>}`,
        },
        retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeInSeconds: 3600 },
      });
      exportFunction.allowEventRules(props.rulePrefix, 'ActivationRules');
      return;
    }
    const window = activationScheduleWindow(activation.spec.schedule, where);
    new FunctionSchedule(this, 'Schedule', {
      name: `activation-${name}`,
      groupName: props.scheduleGroupName,
      expression: window.expression,
      startDate: window.startDate,
      endDate: window.endDate,
      target: exportFunction,
      // the scheduled time names the run and its files: a retried invocation rewrites, never adds
      input: { activation: name, time: '<aws.scheduler.scheduled-time>' },
      description: `Export activation ${name} (${activation.spec.schedule.frequency})`,
    });
  }
}
