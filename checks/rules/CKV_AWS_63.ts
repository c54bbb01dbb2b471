import type { Finding, SecurityRule } from '../types';
import { describeStatement, identityPolicies } from '../private/policy';
import { findingOn } from '../private/terraform';

/** `*`, or a whole service: `s3:*`. Partial wildcards such as `s3:Get*` are not flagged. */
export function isWildcardAction(action: string): boolean {
  return action === '*' || /^[^:]+:\*$/.test(action);
}

export const CKV_AWS_63: SecurityRule = {
  id: 'CKV_AWS_63',
  title: 'IAM policy allows no wildcard actions',
  doc:
    'No Allow statement of an identity policy (aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role inline_policy, ' +
    'data.aws_iam_policy_document) has Action "*" or "<service>:*", or uses NotAction. Broader than checkov, which flags only "*". ' +
    'Statements with a Principal (bucket, key and trust policies) are out of scope. A policy that cannot be parsed is a finding.',
  check(tf) {
    const out: Finding[] = [];
    for (const { node, label, policy } of identityPolicies(tf)) {
      if (policy.kind === 'unreadable') {
        out.push(findingOn('CKV_AWS_63', node, `${label} cannot be read (${policy.reason}); write it as a JSON string or a data.aws_iam_policy_document so its actions can be checked`));
        continue;
      }
      for (const s of policy.statements) {
        if (s.effect !== 'Allow' || s.hasPrincipal) continue;
        const wildcards = s.actions.filter(isWildcardAction);
        if (wildcards.length > 0) {
          out.push(findingOn('CKV_AWS_63', node, `${label} ${describeStatement(s)} allows ${wildcards.map((a) => JSON.stringify(a)).join(', ')}; list only the actions it needs (e.g. "s3:GetObject")`));
        }
        if (s.notActions.length > 0) {
          out.push(findingOn('CKV_AWS_63', node, `${label} ${describeStatement(s)} allows every action except ${s.notActions.map((a) => JSON.stringify(a)).join(', ')} (NotAction); use Action with the actions it needs`));
        }
      }
    }
    return out;
  },
};
