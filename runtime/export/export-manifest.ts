// The record of one export run, written to the lake bucket at
// exports/<activation>/run=<runId>/manifest.json after every file was delivered: what was sent
// where, with row counts, sizes and SHA-256 checksums a partner can verify.

import { exportManifestKey } from '../layout';
import type { ObjectStore } from '../object-store';
import type { WrittenFile } from './write-files';

export const EXPORT_MANIFEST_VERSION = 1;

export interface ExportedAudience {
  readonly audience: string;
  readonly audienceId: string;
  /** The segmentation run whose snapshot was exported. */
  readonly snapshotRunId: string;
  /** Members in the snapshot. */
  readonly members: number;
  /** Rows exported: members still in the profiles, after de-duplication. */
  readonly rows: number;
  readonly files: readonly WrittenFile[];
}

export interface ExportManifest {
  readonly version: typeof EXPORT_MANIFEST_VERSION;
  readonly activation: string;
  readonly runId: string;
  /** ISO 8601 UTC: the time the file names were rendered with. */
  readonly runTime: string;
  readonly destination: string;
  readonly destinationType: 's3' | 'sftp';
  /** s3://bucket/prefix, sftp://user@host:port/path or file://... (local). */
  readonly location: string;
  readonly exportMode: 'full';
  readonly format: 'csv' | 'json' | 'parquet';
  readonly compression: 'none' | 'gzip';
  /** Column names in file order: the identity column first. */
  readonly columns: readonly string[];
  readonly identity: { readonly namespace: string; readonly column: string; readonly field: string };
  readonly dedupKeys: readonly string[];
  /** Enabled policies were checked against the destination's marketing actions just before the export. */
  readonly policyCheck: 'passed';
  readonly audiences: readonly ExportedAudience[];
  readonly totals: { readonly files: number; readonly rows: number; readonly bytes: number };
}

export async function writeExportManifest(store: ObjectStore, lakeBucket: string, m: ExportManifest): Promise<string> {
  const key = exportManifestKey(m.activation, m.runId);
  await store.put(lakeBucket, key, JSON.stringify(m, null, 2) + '\n', { contentType: 'application/json' });
  return key;
}
