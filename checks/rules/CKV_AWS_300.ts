import type { Finding, SecurityRule } from '../types';
import { bucketConfigs, buckets } from '../private/s3';
import { block, blocks, findingOn, isObject, type TfNode } from '../private/terraform';

/** A lifecycle rule with no filter, an empty filter, or an empty prefix covers every object. */
function appliesToWholeBucket(rule: Record<string, unknown>): boolean {
  if (typeof rule.prefix === 'string' && rule.prefix !== '') return false;
  const filters = blocks(rule.filter);
  return filters.every((f) => Object.entries(f).every(([k, v]) => (k === 'prefix' ? v === '' : v === undefined || (isObject(v) && Object.keys(v).length === 0))));
}

function abortsUploads(rule: Record<string, unknown>): boolean {
  const days = block(rule.abort_incomplete_multipart_upload)?.days_after_initiation;
  return typeof days === 'number' && days > 0;
}

/** True when one enabled, whole-bucket rule aborts incomplete multipart uploads. */
function bucketAbortsUploads(bucket: TfNode, configs: TfNode[]): boolean {
  const separate = configs.flatMap((c) => blocks(c.attrs.rule)).some((r) => r.status === 'Enabled' && appliesToWholeBucket(r) && abortsUploads(r));
  // Inline (deprecated) form: lifecycle_rule { enabled = true, abort_incomplete_multipart_upload_days = 7 }.
  const inline = blocks(bucket.attrs.lifecycle_rule).some(
    (r) => r.enabled === true && appliesToWholeBucket(r) && typeof r.abort_incomplete_multipart_upload_days === 'number' && r.abort_incomplete_multipart_upload_days > 0,
  );
  return separate || inline;
}

export const CKV_AWS_300: SecurityRule = {
  id: 'CKV_AWS_300',
  title: 'S3 lifecycle aborts incomplete multipart uploads',
  doc:
    'Every aws_s3_bucket has a lifecycle configuration with an Enabled rule that covers the whole bucket (no filter, or an empty prefix) and sets ' +
    'abort_incomplete_multipart_upload.days_after_initiation > 0. Per bucket, so a bucket with no lifecycle at all fails too.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const configs = bucketConfigs(tf, 'aws_s3_bucket_lifecycle_configuration', bucket);
      if (bucketAbortsUploads(bucket, configs)) continue;
      const where = configs.length === 0 ? 'bucket has no lifecycle configuration' : `no enabled whole-bucket rule in ${configs.map((c) => c.address).join(', ')} aborts incomplete multipart uploads`;
      out.push(
        findingOn('CKV_AWS_300', bucket, `${where}; add a rule with status "Enabled", an empty filter and abort_incomplete_multipart_upload { days_after_initiation = 7 }`),
      );
    }
    return out;
  },
};
