import type { Finding, SecurityRule } from '../types';
import { bucketConfigs, buckets } from '../private/s3';
import { findingOn } from '../private/terraform';

export const CKV2_AWS_6: SecurityRule = {
  id: 'CKV2_AWS_6',
  title: 'S3 bucket has a public access block',
  doc:
    'Every aws_s3_bucket has an aws_s3_bucket_public_access_block whose bucket names it. The four flags are checked on ' +
    'the block itself by CKV_AWS_53 to CKV_AWS_56. An account-level block is not counted.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      if (bucketConfigs(tf, 'aws_s3_bucket_public_access_block', bucket).length > 0) continue;
      out.push(
        findingOn(
          'CKV2_AWS_6',
          bucket,
          'bucket has no public access block; add an aws_s3_bucket_public_access_block for it with block_public_acls, ' +
            'block_public_policy, ignore_public_acls and restrict_public_buckets all true',
        ),
      );
    }
    return out;
  },
};
