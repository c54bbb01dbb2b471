// Secure defaults for every bucket of an environment, in one place (the idea of
// aws-solutions-constructs' core/lib/s3-bucket-defaults.ts). SecureBucket applies them all;
// nothing else creates buckets.

import type { PolicyStatement } from './policy-document';

/** Default encryption of data buckets: SSE-KMS with the environment key, with S3 Bucket Keys to cut KMS calls. */
export const KMS_ENCRYPTION = { sseAlgorithm: 'aws:kms', bucketKeyEnabled: true } as const;

/**
 * Default encryption of the access-logs bucket: SSE-S3. S3 server access logging cannot deliver
 * into a bucket whose default encryption is SSE-KMS, so this is the one bucket without the key.
 */
export const ACCESS_LOGS_ENCRYPTION = { sseAlgorithm: 'AES256' } as const;

export const VERSIONING_STATUS = 'Enabled';

/** All four public-access switches on. */
export const PUBLIC_ACCESS_BLOCK = {
  blockPublicAcls: true,
  blockPublicPolicy: true,
  ignorePublicAcls: true,
  restrictPublicBuckets: true,
} as const;

/** ACLs disabled: the bucket owner owns every object, whoever wrote it. */
export const OBJECT_OWNERSHIP = 'BucketOwnerEnforced';

/** Incomplete multipart uploads are aborted (and their parts deleted) after this many days. */
export const ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS = 7;

/** S3 allows at most this many lifecycle rules per bucket. */
export const MAX_LIFECYCLE_RULES = 1000;

/** Denies every request that does not use TLS, on the bucket and its objects. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principal: '*',
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
  };
}
