import type { Finding, SecurityRule } from '../types';
import { findingOn, isExpression, resources, show } from '../private/terraform';

export const CKV_AWS_66: SecurityRule = {
  id: 'CKV_AWS_66',
  title: 'CloudWatch log group has a retention period',
  doc: 'Every aws_cloudwatch_log_group sets retention_in_days to a number > 0 (or an expression); left out or 0, logs are kept forever.',
  check(tf) {
    const out: Finding[] = [];
    for (const group of resources(tf, 'aws_cloudwatch_log_group')) {
      const days = group.attrs.retention_in_days;
      if ((typeof days === 'number' && days > 0) || isExpression(days)) continue;
      out.push(findingOn('CKV_AWS_66', group, `retention_in_days is ${show(days)}, so logs never expire; set retention_in_days (the Environment's logRetentionDays)`));
    }
    return out;
  },
};
