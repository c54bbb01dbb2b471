import type { Finding, SecurityRule } from '../types';
import { bucketConfigs, buckets } from '../private/s3';
import { block, blocks, findingOn, show } from '../private/terraform';

export const CKV_AWS_21: SecurityRule = {
  id: 'CKV_AWS_21',
  title: 'S3 bucket versioning is enabled',
  doc: 'Every aws_s3_bucket has an aws_s3_bucket_versioning with versioning_configuration.status "Enabled" (or inline versioning { enabled = true }).',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const configs = bucketConfigs(tf, 'aws_s3_bucket_versioning', bucket);
      const statuses = configs.map((c) => block(c.attrs.versioning_configuration)?.status);
      const inlineEnabled = blocks(bucket.attrs.versioning).some((v) => v.enabled === true);
      if (inlineEnabled || statuses.includes('Enabled')) continue;
      const message =
        configs.length === 0
          ? 'bucket has no versioning configuration'
          : `versioning status is ${statuses.map(show).join(', ')} in ${configs.map((c) => c.address).join(', ')}`;
      out.push(findingOn('CKV_AWS_21', bucket, `${message}; add an aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" }`));
    }
    return out;
  },
};
