import type { Finding, SecurityRule } from '../types';
import { buckets, encryptionDefaults, isAccessLogTarget } from '../private/s3';
import { findingOn, isSet, show } from '../private/terraform';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];

export const CKV_AWS_145: SecurityRule = {
  id: 'CKV_AWS_145',
  title: 'S3 bucket is encrypted with a KMS customer managed key',
  doc:
    'The bucket\'s default encryption uses sse_algorithm "aws:kms" (or "aws:kms:dsse") with a kms_master_key_id. ' +
    'Stricter than checkov: without kms_master_key_id S3 uses the AWS managed aws/s3 key, which key policies cannot restrict. ' +
    'Exempt: a bucket that receives other buckets\' server access logs may use "AES256", since log delivery does not support SSE-KMS targets.',
  check(tf) {
    const out: Finding[] = [];
    for (const bucket of buckets(tf)) {
      const all = encryptionDefaults(tf, bucket);
      const kms = all.filter((e) => KMS_ALGORITHMS.includes(String(e.defaults.sse_algorithm)));
      if (kms.some((e) => isSet(e.defaults.kms_master_key_id))) continue;
      // S3 server access logging cannot write to an SSE-KMS bucket; SSE-S3 is the best it allows.
      if (isAccessLogTarget(tf, bucket) && all.some((e) => e.defaults.sse_algorithm === 'AES256')) continue;
      let message: string;
      if (all.length === 0) message = 'bucket has no default encryption, so it is not encrypted with KMS';
      else if (kms.length === 0) message = `bucket's default encryption uses sse_algorithm ${all.map((e) => show(e.defaults.sse_algorithm)).join(', ')}, not "aws:kms"`;
      else message = 'bucket\'s default encryption is "aws:kms" without kms_master_key_id, so S3 uses the AWS managed aws/s3 key';
      out.push(findingOn('CKV_AWS_145', bucket, `${message}; set sse_algorithm = "aws:kms" and kms_master_key_id to the environment's KMS key ARN`));
    }
    return out;
  },
};
