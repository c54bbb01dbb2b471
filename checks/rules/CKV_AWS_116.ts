import type { Finding, SecurityRule } from '../types';
import { block, blocks, findingOn, isSet, referencesNode, resources } from '../private/terraform';

export const CKV_AWS_116: SecurityRule = {
  id: 'CKV_AWS_116',
  title: 'Lambda function has a dead-letter queue',
  doc:
    'Every aws_lambda_function has dead_letter_config.target_arn, or an aws_lambda_function_event_invoke_config ' +
    'for it with destination_config.on_failure.destination (failed async events are kept either way).',
  check(tf) {
    const out: Finding[] = [];
    const invokeConfigs = resources(tf, 'aws_lambda_function_event_invoke_config');
    for (const fn of resources(tf, 'aws_lambda_function')) {
      if (blocks(fn.attrs.dead_letter_config).some((d) => isSet(d.target_arn))) continue;
      const onFailure = invokeConfigs.some(
        (c) =>
          referencesNode(c.attrs.function_name, fn, ['function_name', 'arn']) &&
          isSet(block(block(c.attrs.destination_config)?.on_failure)?.destination),
      );
      if (onFailure) continue;
      out.push(
        findingOn('CKV_AWS_116', fn, 'function has no dead-letter queue, so failed asynchronous events are dropped; set dead_letter_config { target_arn = <encrypted SQS queue ARN> }'),
      );
    }
    return out;
  },
};
