import type { Finding, SecurityRule, TerraformJson } from '../types';
import { bucketConfigs, buckets, isAccessLogTarget, namesBucket } from '../private/s3';
import { blocks, findingOn, isSet, type TfNode } from '../private/terraform';

/** Where each bucket's access logs go: `target_bucket` values, from both the resource and the inline form. */
function loggingTargets(tf: TerraformJson, bucket: TfNode): unknown[] {
  const separate = bucketConfigs(tf, 'aws_s3_bucket_logging', bucket).map((c) => c.attrs.target_bucket);
  const inline = blocks(bucket.attrs.logging).map((l) => l.target_bucket);
  return [...separate, ...inline].filter(isSet);
}

export const CKV_AWS_18: SecurityRule = {
  id: 'CKV_AWS_18',
  title: 'S3 bucket has access logging',
  doc:
    'Every aws_s3_bucket has an aws_s3_bucket_logging (or inline logging block) with a target_bucket other than itself. ' +
    'Exempt: a bucket that is the logging target of another bucket in the stack (the access-logs bucket; logging it to itself would loop).',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const targets = loggingTargets(tf, bucket);
      const toSelf = targets.filter((t) => namesBucket(t, bucket));
      if (targets.length > toSelf.length) continue;
      if (toSelf.length > 0) {
        out.push(findingOn('CKV_AWS_18', bucket, 'bucket writes its access logs to itself, so every log delivery creates more logs; send them to the access-logs bucket'));
        continue;
      }
      if (isAccessLogTarget(tf, bucket)) continue;
      out.push(
        findingOn('CKV_AWS_18', bucket, 'bucket has no access logging; add an aws_s3_bucket_logging with target_bucket = the access-logs bucket and a target_prefix'),
      );
    }
    return out;
  },
};
