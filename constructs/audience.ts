// An Audience: a schedule from spec.schedule (5-field cron, UTC) that runs the segment function
// with {audience}. The segment function writes the snapshot under audiences/<name>/ and then
// publishes "Segmentation Finished", which after-segmentation activations listen to.

import { Construct } from 'constructs';
import type { Doc } from '../specs/model';
import { FunctionSchedule } from './function-schedule';
import type { PipelineFunction } from './pipeline-function';
import { toEventBridgeCron } from '../specs/cron';

export interface AudienceProps {
  readonly audience: Doc<'Audience'>;
  readonly segment: PipelineFunction;
  readonly scheduleGroupName: string;
}

export class Audience extends Construct {
  readonly schedule: FunctionSchedule;

  constructor(scope: Construct, id: string, props: AudienceProps) {
    super(scope, id);
    const name = props.audience.metadata.name;
    this.schedule = new FunctionSchedule(this, 'Schedule', {
      name: `audience-${name}`,
      groupName: props.scheduleGroupName,
      expression: toEventBridgeCron(props.audience.spec.schedule, `Audience "${name}" schedule`),
      target: props.segment,
      // the scheduled time makes a retried invocation rewrite the same run
      input: { audience: name, time: '<aws.scheduler.scheduled-time>' },
      description: `Evaluate audience ${name}`,
    });
  }
}
