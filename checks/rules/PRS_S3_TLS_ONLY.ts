import type { Finding, SecurityRule, TerraformJson } from '../types';
import { resolvePolicy, type Statement } from '../private/policy';
import { bucketArns, bucketConfigs, buckets } from '../private/s3';
import { findingOn, isSet, type TfNode } from '../private/terraform';

const STATEMENT =
  'a statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], ' +
  'Condition: { Bool: { "aws:SecureTransport": "false" } } }';

/** A Deny for everyone, on every S3 action, when the request is not over TLS. */
function deniesPlainHttp(s: Statement): boolean {
  return (
    s.effect === 'Deny' &&
    s.principals.includes('*') &&
    s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*') &&
    s.conditions.some((c) => /^Bool(IfExists)?$/.test(c.test) && c.variable.toLowerCase() === 'aws:securetransport' && c.values.includes('false'))
  );
}

/** The bucket's policies: aws_s3_bucket_policy resources, then the deprecated inline `policy`. */
function policiesOf(tf: TerraformJson, bucket: TfNode): { source: TfNode; value: unknown }[] {
  const separate = bucketConfigs(tf, 'aws_s3_bucket_policy', bucket).map((p) => ({ source: p, value: p.attrs.policy }));
  return isSet(bucket.attrs.policy) ? [...separate, { source: bucket, value: bucket.attrs.policy }] : separate;
}

export const PRS_S3_TLS_ONLY: SecurityRule = {
  id: 'PRS_S3_TLS_ONLY',
  title: 'S3 bucket policy denies requests without TLS',
  doc:
    'Every aws_s3_bucket has a bucket policy (JSON string or data.aws_iam_policy_document) with a Deny for Principal "*" on s3:* ' +
    'when aws:SecureTransport is "false", on both the bucket ARN and <bucket ARN>/*. No checkov id covers this.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const policies = policiesOf(tf, bucket);
      if (policies.length === 0) {
        out.push(findingOn('PRS_S3_TLS_ONLY', bucket, `bucket has no bucket policy, so requests over plain HTTP are allowed; add an aws_s3_bucket_policy with ${STATEMENT}`));
        continue;
      }
      const arns = bucketArns(bucket);
      let coversBucket = false;
      let coversObjects = false;
      let found = false;
      const unreadable: string[] = [];
      for (const { source, value } of policies) {
        const policy = resolvePolicy(tf, value);
        if (policy.kind === 'unreadable') {
          unreadable.push(`${source.address} (${policy.reason})`);
          continue;
        }
        for (const s of policy.statements.filter(deniesPlainHttp)) {
          found = true;
          coversBucket ||= s.resources.some((r) => arns.bucket.includes(r));
          coversObjects ||= s.resources.some((r) => arns.objects.includes(r));
        }
      }
      if (coversBucket && coversObjects) continue;
      let message: string;
      if (!found && unreadable.length > 0) {
        message = `bucket policy ${unreadable.join(', ')} cannot be read; write it as a JSON string or a data.aws_iam_policy_document, with ${STATEMENT}`;
      } else if (!found) {
        message = `bucket policy ${policies.map((p) => p.source.address).join(', ')} does not deny requests without TLS; add ${STATEMENT}`;
      } else {
        const missing = coversBucket ? `its objects (${arns.objects[0]})` : `the bucket itself (${arns.bucket[0]})`;
        message = `the TLS-only Deny statement does not cover ${missing}; list both the bucket ARN and "<bucket ARN>/*" in its Resource`;
      }
      out.push(findingOn('PRS_S3_TLS_ONLY', bucket, message));
    }
    return out;
  },
};
