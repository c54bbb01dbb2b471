import type { Finding, SecurityRule } from '../types';
import { describeStatement, identityPolicies } from '../private/policy';
import { findingOn } from '../private/terraform';

/**
 * Actions that take no resource ARN (the Service Authorization Reference lists no resource type),
 * so Resource "*" is the only choice. Keep this short and only add actions that truly qualify.
 * Not here: logs:CreateLogGroup, which takes a log-group ARN.
 */
export const STAR_ONLY_ACTIONS: readonly string[] = [
  'cloudwatch:PutMetricData',
  'ec2:DescribeNetworkInterfaces',
  'kms:ListAliases',
  'kms:ListKeys',
  'lakeformation:GetDataAccess',
  's3:ListAllMyBuckets',
  'sts:GetCallerIdentity',
  'xray:GetSamplingRules',
  'xray:GetSamplingStatisticSummaries',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
const STAR_ONLY = new Set(STAR_ONLY_ACTIONS.map((a) => a.toLowerCase()));

export const CKV_AWS_355: SecurityRule = {
  id: 'CKV_AWS_355',
  title: 'IAM policy grants no restrictable action on Resource "*"',
  doc:
    'No Allow statement of an identity policy (same policies as CKV_AWS_63) has Resource "*" with an action that can be scoped to an ARN; ' +
    'actions that only accept "*" (X-Ray, cloudwatch:PutMetricData, lakeformation:GetDataAccess, ...: STAR_ONLY_ACTIONS) are allowed.',
  check(tf) {
    const out: Finding[] = [];
    for (const { node, label, policy } of identityPolicies(tf)) {
      if (policy.kind === 'unreadable') {
        out.push(findingOn('CKV_AWS_355', node, `${label} cannot be read (${policy.reason}); write it as a JSON string or a data.aws_iam_policy_document so its resources can be checked`));
        continue;
      }
      for (const s of policy.statements) {
        if (s.effect !== 'Allow' || s.hasPrincipal || !s.resources.includes('*')) continue;
        const restrictable = s.actions.filter((a) => !STAR_ONLY.has(a.toLowerCase())).map((a) => JSON.stringify(a));
        if (s.notActions.length > 0) restrictable.push('every action but NotAction');
        if (restrictable.length === 0) continue;
        out.push(
          findingOn('CKV_AWS_355', node, `${label} ${describeStatement(s)} allows ${restrictable.join(', ')} on Resource "*"; list the ARNs it needs (e.g. "\${aws_s3_bucket.lake.arn}/datasets/*")`),
        );
      }
    }
    return out;
  },
};
