// The record of one ingested file, written last (after its data), to the lake bucket at
// layout.batchManifestKey(dataset, batchId). Readers trust a batch only when its manifest
// says `published`.

export const BATCH_MANIFEST_VERSION = 1;

/**
 * - `published`: accepted records are in the dataset.
 * - `rejected-threshold`: more than errorThreshold percent of the records were rejected; nothing
 *   from this file is in the dataset.
 * - `failed`: the file could not be read as its Source says (see `reason`); nothing published.
 */
export type BatchStatus = 'published' | 'rejected-threshold' | 'failed';

export interface StoredObjectRef {
  readonly bucket: string;
  readonly key: string;
}

export interface BatchManifest {
  readonly manifestVersion: typeof BATCH_MANIFEST_VERSION;
  readonly batchId: string;
  readonly source: string;
  readonly dataset: string;
  readonly schema: string;
  readonly schemaVersion: string;
  /** Hash of schema, mapping, format and threshold: same rules, same outcome. */
  readonly rulesVersion: string;
  readonly object: {
    readonly bucket: string;
    readonly key: string;
    readonly etag: string;
    readonly versionId?: string;
    readonly size: number;
    readonly lastModified: string;
  };
  readonly status: BatchStatus;
  /** Why the file was not published (rejected-threshold and failed). */
  readonly reason?: string;
  /** A dry run: nothing was written; `status` is what a real run would record. */
  readonly dryRun: boolean;
  /** Always accepted + rejected. */
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  /** rejected / rowsRead, in percent, two decimals. */
  readonly rejectedPercent: number;
  readonly errorThreshold: number;
  /** Reason -> number of rejected records with it, most frequent first. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Every data-usage label on the dataset's fields. */
  readonly labels: readonly string[];
  readonly outputs: { readonly data?: StoredObjectRef; readonly rejected?: StoredObjectRef; readonly manifest?: StoredObjectRef };
  /** When this run started (ISO 8601, UTC). */
  readonly ingestedAt: string;
  readonly timings: {
    /** Download, gunzip, transcode. */
    readonly prepareMs: number;
    /** The DuckDB pass: parse, check, count. */
    readonly checkMs: number;
    /** Writing the accepted Parquet and the rejected JSON lines locally. */
    readonly writeMs: number;
    /** Uploading outputs and the manifest. */
    readonly publishMs: number;
    readonly totalMs: number;
  };
}
