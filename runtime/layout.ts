// Where things live: bucket names and object keys, shared by the stacks (which create and grant
// them) and the runtime (which reads and writes them). Change with care: keys are data.

import type { Doc } from '../specs/model';

export type BucketRole = 'landing' | 'lake' | 'exports' | 'access-logs';
export const BUCKET_ROLES: readonly BucketRole[] = ['landing', 'lake', 'exports', 'access-logs'];

/** `<namePrefix>-<env>-<role>`, plus the account id on AWS to keep names globally unique. */
export function bucketName(env: Doc<'Environment'>, role: BucketRole): string {
  const prefix = env.spec.namePrefix ?? 'prospect';
  const base = `${prefix}-${env.metadata.name}-${role}`;
  const name = env.spec.runtime === 'aws' && env.spec.account ? `${base}-${env.spec.account}` : base;
  return name.slice(0, 63).replace(/-+$/, '');
}

/** Prefix for resource names other than buckets (functions, roles, queues...). */
export function resourcePrefix(env: Doc<'Environment'>): string {
  return `${env.spec.namePrefix ?? 'prospect'}-${env.metadata.name}`;
}

/** Landing prefix of a source that has no external bucket (inside the landing bucket). */
export function sourceLandingPrefix(source: Doc<'Source'>): string {
  return source.spec.s3?.bucket === undefined && source.spec.s3?.prefix ? source.spec.s3.prefix : `sources/${source.metadata.name}/`;
}

/**
 * Datasets whose schema carries THIRD_PARTY live under `datasets/third-party/`, everything else
 * under `datasets/first-party/`: removing a partner integration is removing its prefix and table.
 */
export function datasetPrefix(dataset: string, thirdParty: boolean): string {
  return `datasets/${thirdParty ? 'third-party' : 'first-party'}/${dataset}/`;
}

export function batchDataKey(dataset: string, thirdParty: boolean, batchId: string): string {
  return `${datasetPrefix(dataset, thirdParty)}batch=${batchId}/data.parquet`;
}

export function rejectedPrefix(dataset: string): string {
  return `rejected/${dataset}/`;
}

export function rejectedKey(dataset: string, batchId: string): string {
  return `${rejectedPrefix(dataset)}batch=${batchId}/rejected.jsonl`;
}

export function batchManifestPrefix(dataset: string): string {
  return `manifests/${dataset}/`;
}

export function batchManifestKey(dataset: string, batchId: string): string {
  return `${batchManifestPrefix(dataset)}batch=${batchId}.json`;
}

export function audiencePrefix(audience: string): string {
  return `audiences/${audience}/`;
}

export function audienceSnapshotKey(audience: string, runId: string, file: 'members.parquet' | 'snapshot.json'): string {
  return `${audiencePrefix(audience)}run=${runId}/${file}`;
}

export function exportManifestKey(activation: string, runId: string): string {
  return `exports/${activation}/run=${runId}/manifest.json`;
}

/** Key of the runtime manifest in the lake bucket. */
export const RUNTIME_MANIFEST_KEY = 'runtime/manifest.json';

/** Glue database and table names (underscores: Glue and Athena dislike hyphens). */
export function glueDatabaseName(env: Doc<'Environment'>): string {
  return resourcePrefix(env).replace(/-/g, '_');
}

/** Glue column of a field: the path lower-cased with `.` as `_` (Glue stores names lower-case). */
export function glueColumnName(field: string): string {
  return field.replace(/\./g, '_').toLowerCase();
}

export function glueTableName(dataset: string, thirdParty: boolean): string {
  return `${thirdParty ? 'third_party' : 'first_party'}_${dataset.replace(/-/g, '_')}`;
}

/** Local SFTP folder of a source or destination for `runtime: local`, relative to localRoot. */
export function localSftpFolder(name: string): string {
  return `sftp/${name}`;
}

/** Marker (lake bucket) of a file an SFTP poll landed: its name, size and mtime, for idempotency. */
export function sftpLandedMarkerKey(source: string, fileName: string): string {
  return `sftp-landed/${source}/${fileName}.json`;
}
