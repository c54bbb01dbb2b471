import type { Finding, SecurityRule } from '../types';
import { bucketConfigs, buckets } from '../private/s3';
import { block, findingOn, show } from '../private/terraform';

export const CKV2_AWS_65: SecurityRule = {
  id: 'CKV2_AWS_65',
  title: 'S3 bucket ACLs are disabled',
  doc:
    'Every aws_s3_bucket has an aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced". ' +
    'Required explicitly even though new buckets default to it, so the setting is visible and cannot drift.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const controls = bucketConfigs(tf, 'aws_s3_bucket_ownership_controls', bucket);
      const ownership = controls.map((c) => block(c.attrs.rule)?.object_ownership);
      if (ownership.includes('BucketOwnerEnforced')) continue;
      const message =
        controls.length === 0
          ? 'bucket has no ownership controls'
          : `object_ownership is ${ownership.map(show).join(', ')} in ${controls.map((c) => c.address).join(', ')}, so ACLs still apply`;
      out.push(findingOn('CKV2_AWS_65', bucket, `${message}; add an aws_s3_bucket_ownership_controls with rule { object_ownership = "BucketOwnerEnforced" }`));
    }
    return out;
  },
};
