import type { Finding, SecurityRule } from '../types';
import { findingOn, isSet, resources } from '../private/terraform';

export const CKV_AWS_158: SecurityRule = {
  id: 'CKV_AWS_158',
  title: 'CloudWatch log group is encrypted with KMS',
  doc: 'Every aws_cloudwatch_log_group sets kms_key_id.',
  check(tf) {
    const out: Finding[] = [];
    for (const group of resources(tf, 'aws_cloudwatch_log_group')) {
      if (isSet(group.attrs.kms_key_id)) continue;
      out.push(
        findingOn('CKV_AWS_158', group, 'log group is not encrypted with a KMS key; set kms_key_id to the environment\'s key ARN (its key policy must allow logs.<region>.amazonaws.com)'),
      );
    }
    return out;
  },
};
