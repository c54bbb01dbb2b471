// Runs a real ingestion of given bytes on a temporary local store and reads back what it wrote:
// the manifest, the rejected records and the accepted rows (through DuckDB).

import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordPositionSql } from '../../runtime/ingest/batch-id';
import { IngestResult, ingestObject } from '../../runtime/ingest/ingest-object';
import { LocalObjectStore } from '../../runtime/local-object-store';
import type { RuntimeManifest } from '../../runtime/manifest';
import { partnerManifest } from './partner-fixture';

export interface RejectedLine {
  readonly record: number;
  readonly reasons: string[];
  readonly raw: unknown;
}

export interface HarnessRun {
  readonly result: IngestResult;
  readonly rejected: RejectedLine[];
  readonly accepted: Record<string, unknown>[];
  readonly store: LocalObjectStore;
  readonly manifest: RuntimeManifest;
  readonly root: string;
}

const roots: string[] = [];
// Imported by a test file, this removes the file's temporary folders when its tests are done.
afterAll(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

export function tempRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-test-'));
  roots.push(root);
  return root;
}

export async function readParquetRows(file: string, orderBy?: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const r = await c.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')${orderBy ? ` ORDER BY ${orderBy}` : ''}`);
    return r.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

export async function ingestBytes(
  content: Buffer | string,
  opts: { manifest?: RuntimeManifest; source?: string; key?: string; root?: string; dryRun?: boolean; now?: () => Date } = {},
): Promise<HarnessRun> {
  const root = opts.root ?? tempRoot();
  const manifest = opts.manifest ?? partnerManifest({ localRoot: root });
  const source = opts.source ?? 'acme-s3';
  const store = new LocalObjectStore(root);
  const key = `${manifest.sources[source].landingPrefix}${opts.key ?? 'delivery.csv'}`;
  await store.put(manifest.buckets.landing, key, content);
  const result = await ingestObject({ store, manifest, source, object: { bucket: manifest.buckets.landing, key }, dryRun: opts.dryRun, now: opts.now });
  const out = result.manifest.outputs;
  const rejected = out.rejected
    ? (await store.get(out.rejected.bucket, out.rejected.key))
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as RejectedLine)
    : [];
  // Accepted rows in record order (the file's row order carries no meaning; `_id` does).
  const accepted = out.data ? await readParquetRows(store.pathOf(out.data.bucket, out.data.key), recordPositionSql()) : [];
  return { result, rejected, accepted, store, manifest, root };
}

/** One CSV field, quoted when needed (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
