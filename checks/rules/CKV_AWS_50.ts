import type { Finding, SecurityRule } from '../types';
import { block, findingOn, resources, show } from '../private/terraform';

export const CKV_AWS_50: SecurityRule = {
  id: 'CKV_AWS_50',
  title: 'Lambda function has X-Ray tracing active',
  doc: 'Every aws_lambda_function sets tracing_config { mode = "Active" }; left out or "PassThrough", the function starts no traces itself.',
  check(tf) {
    const out: Finding[] = [];
    for (const fn of resources(tf, 'aws_lambda_function')) {
      const mode = block(fn.attrs.tracing_config)?.mode;
      if (mode === 'Active') continue;
      out.push(findingOn('CKV_AWS_50', fn, `tracing mode is ${show(mode)}; set tracing_config { mode = "Active" } and allow xray:PutTraceSegments and xray:PutTelemetryRecords in the role`));
    }
    return out;
  },
};
