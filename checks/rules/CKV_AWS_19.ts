import type { Finding, SecurityRule } from '../types';
import { buckets, encryptionDefaults } from '../private/s3';
import { findingOn, isSet } from '../private/terraform';

export const CKV_AWS_19: SecurityRule = {
  id: 'CKV_AWS_19',
  title: 'S3 bucket has default server-side encryption',
  doc: 'Every aws_s3_bucket has a server-side encryption configuration (separate resource or inline block) with an sse_algorithm.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      if (encryptionDefaults(tf, bucket).some((e) => isSet(e.defaults.sse_algorithm))) continue;
      out.push(
        findingOn(
          'CKV_AWS_19',
          bucket,
          'bucket has no default server-side encryption; add an aws_s3_bucket_server_side_encryption_configuration ' +
            'whose rule sets apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = <the environment key> }',
        ),
      );
    }
    return out;
  },
};
