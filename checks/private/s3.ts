// S3 buckets and the separate configuration resources (aws_s3_bucket_versioning, ...) that
// point at them through their `bucket` attribute.

import type { TerraformJson } from '../types';
import { blocks, isExpression, referencesNode, resources, type TfNode } from './terraform';

/** Every aws_s3_bucket of the stack. */
export function buckets(tf: TerraformJson): TfNode[] {
  return resources(tf, 'aws_s3_bucket');
}

/** The bucket's name when it is a literal (not computed, not `bucket_prefix`). */
export function literalBucketName(bucket: TfNode): string | undefined {
  const name = bucket.attrs.bucket;
  return typeof name === 'string' && name !== '' && !isExpression(name) ? name : undefined;
}

/**
 * True when `v` names the bucket: a reference to its `id` or `bucket` (both are the name),
 * or the same literal name.
 */
export function namesBucket(v: unknown, bucket: TfNode): boolean {
  if (referencesNode(v, bucket, ['id', 'bucket'])) return true;
  const name = literalBucketName(bucket);
  return name !== undefined && v === name;
}

/** Resources of `type` whose `bucket` attribute names the bucket. */
export function bucketConfigs(tf: TerraformJson, type: string, bucket: TfNode): TfNode[] {
  return resources(tf, type).filter((c) => namesBucket(c.attrs.bucket, bucket));
}

/** The ways a policy can write the bucket's ARN, and the ARN of all its objects. */
export function bucketArns(bucket: TfNode): { bucket: string[]; objects: string[] } {
  const arns = [`\${${bucket.address}.arn}`, `arn:aws:s3:::\${${bucket.address}.id}`, `arn:aws:s3:::\${${bucket.address}.bucket}`];
  const name = literalBucketName(bucket);
  if (name !== undefined) arns.push(`arn:aws:s3:::${name}`);
  return { bucket: arns, objects: arns.map((a) => `${a}/*`) };
}

/** The `apply_server_side_encryption_by_default` blocks that apply to a bucket, with where they come from. */
export function encryptionDefaults(tf: TerraformJson, bucket: TfNode): { source: TfNode; defaults: Record<string, unknown> }[] {
  const sources = [bucket, ...bucketConfigs(tf, 'aws_s3_bucket_server_side_encryption_configuration', bucket)];
  return sources.flatMap((source) => {
    // Inline form on the bucket (deprecated by the provider) nests one level deeper.
    const configs = source === bucket ? blocks(bucket.attrs.server_side_encryption_configuration) : [source.attrs];
    return configs.flatMap((c) => blocks(c.rule)).flatMap((r) => blocks(r.apply_server_side_encryption_by_default)).map((defaults) => ({ source, defaults }));
  });
}

/**
 * True when another bucket of the stack sends its server access logs to this one (an
 * aws_s3_bucket_logging or inline `logging` block whose target_bucket names it).
 */
export function isAccessLogTarget(tf: TerraformJson, bucket: TfNode): boolean {
  const separate = resources(tf, 'aws_s3_bucket_logging').filter((c) => !namesBucket(c.attrs.bucket, bucket)).map((c) => c.attrs.target_bucket);
  const inline = buckets(tf).filter((b) => b.address !== bucket.address).flatMap((b) => blocks(b.attrs.logging).map((l) => l.target_bucket));
  return [...separate, ...inline].some((t) => namesBucket(t, bucket));
}
