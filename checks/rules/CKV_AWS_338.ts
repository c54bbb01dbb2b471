import type { Finding, SecurityRule } from '../types';
import { findingOn, resources } from '../private/terraform';

export const CKV_AWS_338: SecurityRule = {
  id: 'CKV_AWS_338',
  title: 'CloudWatch log group keeps logs at least a year',
  doc: 'No aws_cloudwatch_log_group sets retention_in_days between 1 and 364. Unset or 0 (never expire) passes here and fails CKV_AWS_66.',
  check(tf) {
    const out: Finding[] = [];
    for (const group of resources(tf, 'aws_cloudwatch_log_group')) {
      const days = group.attrs.retention_in_days;
      if (typeof days !== 'number' || days <= 0 || days >= 365) continue;
      out.push(
        findingOn('CKV_AWS_338', group, `retention_in_days is ${days}, under a year; set it to 365 or more, or suppress CKV_AWS_338 with a reason for short-lived environments`),
      );
    }
    return out;
  },
};
