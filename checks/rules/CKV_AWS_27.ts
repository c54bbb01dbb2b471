import type { Finding, SecurityRule } from '../types';
import { findingOn, isSet, resources } from '../private/terraform';

export const CKV_AWS_27: SecurityRule = {
  id: 'CKV_AWS_27',
  title: 'SQS queue is encrypted',
  doc: 'Every aws_sqs_queue sets kms_master_key_id, or sqs_managed_sse_enabled = true.',
  check(tf) {
    const out: Finding[] = [];
    for (const queue of resources(tf, 'aws_sqs_queue')) {
      if (isSet(queue.attrs.kms_master_key_id) || queue.attrs.sqs_managed_sse_enabled === true) continue;
      out.push(findingOn('CKV_AWS_27', queue, 'queue is not encrypted; set kms_master_key_id to the environment\'s KMS key (or sqs_managed_sse_enabled = true)'));
    }
    return out;
  },
};
