import type { Finding, SecurityRule } from '../types';
import { findingOn, isExpression, resources, show } from '../private/terraform';

export const CKV_AWS_115: SecurityRule = {
  id: 'CKV_AWS_115',
  title: 'Lambda function has reserved concurrency',
  doc: 'Every aws_lambda_function sets reserved_concurrent_executions to a number >= 0 (or an expression); left out or -1, it shares the account\'s unreserved pool.',
  check(tf) {
    const out: Finding[] = [];
    for (const fn of resources(tf, 'aws_lambda_function')) {
      const value = fn.attrs.reserved_concurrent_executions;
      if ((typeof value === 'number' && value >= 0) || isExpression(value)) continue;
      out.push(
        findingOn('CKV_AWS_115', fn, `reserved_concurrent_executions is ${show(value)}, so one function can starve the others of the account's concurrency; set it to the function's expected peak`),
      );
    }
    return out;
  },
};
