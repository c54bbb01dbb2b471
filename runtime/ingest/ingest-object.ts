// Ingest one delivered object: the core shared by the Lambda handler, `prospect run` and
// `prospect ingest`. Reads the object as its Source says, checks every record in one DuckDB
// pass, and publishes accepted records, rejected records and the batch manifest (last).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { batchDataKey, batchManifestKey, rejectedKey } from '../layout';
import { LocalObjectStore } from '../local-object-store';
import type { RuntimeManifest } from '../manifest';
import { getJson, NoSuchObjectError, ObjectInfo, ObjectStore } from '../object-store';
import { batchIdOf } from './batch-id';
import { BATCH_MANIFEST_VERSION, BatchManifest, BatchStatus, StoredObjectRef } from './batch-manifest';
import { CheckCounts, CheckedBatch, checkPatterns } from './checked-batch';
import { DuckDbLimits, ingestMemoryLimit, openDuckDb } from './duckdb-session';
import { IngestPlan, planIngest } from './ingest-plan';
import { InputFileError, prepareInput } from './input-file';
import { csvReader, jsonReader, parquetReader, RawReader } from './raw-reader';

export interface IngestObjectOptions {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  /** Name of the Source the object was delivered for. */
  readonly source: string;
  readonly object: { readonly bucket: string; readonly key: string };
  /** Check and count only: nothing is written to the store. @default false */
  readonly dryRun?: boolean;
  /** Where work folders are created. @default os.tmpdir() (Lambda: /tmp) */
  readonly workRoot?: string;
  readonly limits?: DuckDbLimits;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** A local file that holds the object's bytes, read in place (`prospect ingest FILE`). */
  readonly localPath?: string;
  /** Known object facts (skips a HEAD request). */
  readonly info?: ObjectInfo;
}

export interface IngestResult {
  /** `already-ingested`: a batch with the same rules exists for this object; nothing was done. */
  readonly outcome: 'ingested' | 'already-ingested';
  readonly manifest: BatchManifest;
}

export async function ingestObject(opts: IngestObjectOptions): Promise<IngestResult> {
  const started = (opts.now ?? (() => new Date()))();
  const t0 = performance.now();
  const plan = planIngest(opts.manifest, opts.source);
  const info = opts.info ?? (await opts.store.head(opts.object.bucket, opts.object.key));
  if (!info) throw new NoSuchObjectError(opts.object.bucket, opts.object.key);
  const batchId = batchIdOf(info);
  const lake = opts.manifest.buckets.lake;
  const manifestRef: StoredObjectRef = { bucket: lake, key: batchManifestKey(plan.datasetName, batchId) };
  const dryRun = opts.dryRun ?? false;

  const existing = dryRun ? undefined : await getJson<BatchManifest>(opts.store, manifestRef.bucket, manifestRef.key);
  if (existing && existing.status !== 'failed' && existing.rulesVersion === plan.rulesVersion) return { outcome: 'already-ingested', manifest: existing };

  const timings = { prepareMs: 0, checkMs: 0, writeMs: 0, publishMs: 0, totalMs: 0 };
  const base = {
    manifestVersion: BATCH_MANIFEST_VERSION as typeof BATCH_MANIFEST_VERSION,
    batchId,
    source: plan.sourceName,
    dataset: plan.datasetName,
    schema: plan.schemaName,
    schemaVersion: plan.schema.version,
    rulesVersion: plan.rulesVersion,
    object: { bucket: info.bucket, key: info.key, etag: info.etag, versionId: info.versionId, size: info.size, lastModified: info.lastModified.toISOString() },
    dryRun,
    errorThreshold: plan.errorThreshold,
    labels: [...new Set(Object.values(plan.schema.fieldLabels).flat())].sort(),
    // A batch keeps the time it was first ingested: re-ingesting after a rules change must not
    // move it ahead of later deliveries in the profile merge, nor revive it past its expiration.
    ingestedAt: existing?.ingestedAt ?? started.toISOString(),
    timings,
  };
  const finish = async (
    status: BatchStatus,
    counts: CheckCounts,
    outputs: { data?: StoredObjectRef; rejected?: StoredObjectRef },
    reason?: string,
  ): Promise<IngestResult> => {
    const rejectedPercent = counts.rowsRead ? Math.round((counts.rejected * 10000) / counts.rowsRead) / 100 : 0;
    const manifest: BatchManifest = {
      ...base,
      status,
      reason,
      ...counts,
      rejectedPercent,
      outputs: dryRun ? {} : { ...outputs, manifest: manifestRef },
    };
    if (!dryRun && status !== 'published') {
      // A concurrent delivery of the same object (S3 events come at least once) may have published
      // meanwhile: a failure here must not take its batch down.
      const current = await getJson<BatchManifest>(opts.store, manifestRef.bucket, manifestRef.key);
      if (current && current.status === 'published' && current.rulesVersion === plan.rulesVersion) return { outcome: 'already-ingested', manifest: current };
    }
    if (!dryRun) {
      const tp = performance.now();
      // A batch that is not published must not leave data from an earlier run behind.
      if (status !== 'published') await opts.store.delete(lake, batchDataKey(plan.datasetName, plan.dataset.thirdParty, batchId));
      timings.totalMs = Math.round(performance.now() - t0);
      await opts.store.put(manifestRef.bucket, manifestRef.key, JSON.stringify({ ...manifest, timings }, null, 2) + '\n', { contentType: 'application/json' });
      timings.publishMs += Math.round(performance.now() - tp);
    }
    timings.totalMs = Math.round(performance.now() - t0);
    return { outcome: 'ingested', manifest: { ...manifest, timings } };
  };
  const none: CheckCounts = { rowsRead: 0, accepted: 0, rejected: 0, reasons: {} };

  const workDir = await fs.promises.mkdtemp(path.join(opts.workRoot ?? os.tmpdir(), 'prospect-ingest-'));
  const db = await openDuckDb(workDir, { memoryLimit: ingestMemoryLimit(info.size), ...opts.limits });
  try {
    let t = performance.now();
    const localPath = opts.localPath ?? (opts.store instanceof LocalObjectStore ? opts.store.pathOf(info.bucket, info.key) : undefined);
    const input = await prepareInput({ format: plan.source.format, open: () => opts.store.getStream(info.bucket, info.key), localPath, workDir });
    if (input.bytes === 0) throw new InputFileError(`the file is empty (0 bytes): expected ${describeExpected(plan)}`);
    timings.prepareMs = Math.round(performance.now() - t);

    t = performance.now();
    await checkPatterns(db, plan);
    const reader = await readerFor(input.path, plan, db);
    if (reader === 'empty') throw new InputFileError(`the file has no records and no header: expected ${describeExpected(plan)}`);
    const batch = new CheckedBatch(db, plan, reader, input.path);
    const counts = await batch.check();
    timings.checkMs = Math.round(performance.now() - t);

    const rejectedShare = counts.rowsRead ? (counts.rejected * 100) / counts.rowsRead : 0;
    const status: BatchStatus = rejectedShare > plan.errorThreshold ? 'rejected-threshold' : 'published';
    const reason =
      status === 'rejected-threshold'
        ? `${counts.rejected} of ${counts.rowsRead} records (${rejectedShare.toFixed(2)}%) were rejected, more than errorThreshold ${plan.errorThreshold}%: nothing from this file was published; see the rejected records`
        : undefined;
    if (dryRun) return await finish(status, counts, {}, reason);

    const outputs: { data?: StoredObjectRef; rejected?: StoredObjectRef } = {};
    t = performance.now();
    const localRejected = path.join(workDir, 'rejected.jsonl');
    const localData = path.join(workDir, 'data.parquet');
    if (counts.rejected > 0) await batch.writeRejected(localRejected);
    if (status === 'published') await batch.writeAccepted(localData, batchId);
    timings.writeMs = Math.round(performance.now() - t);

    t = performance.now();
    if (counts.rejected > 0) {
      outputs.rejected = { bucket: lake, key: rejectedKey(plan.datasetName, batchId) };
      await opts.store.putFile(lake, outputs.rejected.key, localRejected, { contentType: 'application/x-ndjson' });
    } else {
      await opts.store.delete(lake, rejectedKey(plan.datasetName, batchId));
    }
    if (status === 'published') {
      outputs.data = { bucket: lake, key: batchDataKey(plan.datasetName, plan.dataset.thirdParty, batchId) };
      await opts.store.putFile(lake, outputs.data.key, localData, { contentType: 'application/vnd.apache.parquet' });
    }
    timings.publishMs = Math.round(performance.now() - t);
    return await finish(status, counts, outputs, reason);
  } catch (e) {
    if (e instanceof InputFileError) return await finish('failed', none, {}, e.message);
    // Not the file's fault (store or engine trouble): record it, then let the caller retry.
    await finish('failed', none, {}, `ingestion error: ${(e as Error).message}`).catch(() => undefined);
    throw e;
  } finally {
    db.close();
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}

async function readerFor(file: string, plan: IngestPlan, db: Awaited<ReturnType<typeof openDuckDb>>): Promise<RawReader | 'empty'> {
  switch (plan.source.format.type) {
    case 'csv':
      return csvReader(file, plan);
    case 'json':
      return jsonReader(file, plan);
    case 'parquet':
      return parquetReader(file, plan, db);
  }
}

function describeExpected(plan: IngestPlan): string {
  const f = plan.source.format;
  if (f.type === 'csv') return f.header === false ? `CSV records with columns ${plan.columns.map((c) => c.column).join(', ')}` : `a CSV header row with ${plan.columns.map((c) => c.column).join(', ')}`;
  if (f.type === 'json') return 'one JSON object per line';
  return 'a Parquet file';
}
