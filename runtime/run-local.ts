// The ingestion part of `prospect run` and `prospect ingest` on a laptop: the same core as the
// Lambda handlers, over the local object store (each bucket a folder below localRoot).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IngestResult, ingestObject } from './ingest/ingest-object';
import type { DuckDbLimits } from './ingest/duckdb-session';
import { LocalObjectStore } from './local-object-store';
import { sourceOfObject } from './ingest-event';
import { landLocalSftpFolder } from './local-sftp-landing';
import type { RuntimeManifest } from './manifest';
import type { ObjectStore } from './object-store';
import { createS3Client, S3ObjectStore } from './s3-object-store';

export class LocalRuntimeError extends Error {
  override readonly name = 'LocalRuntimeError';
}

export type IngestProgressEvent =
  | { readonly type: 'file-start'; readonly source: string; readonly key: string; readonly index: number; readonly total: number }
  | { readonly type: 'file-done'; readonly source: string; readonly key: string; readonly index: number; readonly total: number; readonly file: LocalFileSummary };

export interface LocalFileSummary {
  readonly source: string;
  readonly bucket: string;
  readonly key: string;
  /** `already-ingested`: nothing was done; `error`: the run could not finish this file. */
  readonly outcome: IngestResult['outcome'] | 'error';
  readonly status?: 'published' | 'rejected-threshold' | 'failed';
  readonly batchId?: string;
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly reasons: Readonly<Record<string, number>>;
  /** Why the file was not published, or the error. */
  readonly reason?: string;
}

export interface LocalIngestSummary {
  readonly localRoot: string;
  readonly files: LocalFileSummary[];
  /** Files of SFTP folders that could not be landed. */
  readonly landingErrors: { readonly source: string; readonly file: string; readonly error: string }[];
  readonly totals: {
    readonly files: number;
    readonly ingested: number;
    readonly alreadyIngested: number;
    readonly published: number;
    readonly rejectedThreshold: number;
    readonly failed: number;
    readonly rowsRead: number;
    readonly accepted: number;
    readonly rejected: number;
  };
}

/** localRoot of a local environment, resolved against the spec folder when relative. */
export function resolveLocalRoot(manifest: RuntimeManifest, specDir: string): string {
  const env = manifest.environment;
  if (env.runtime !== 'local') throw new LocalRuntimeError(`environment ${env.name} has runtime: ${env.runtime}; local runs need an Environment with runtime: local`);
  if (!env.localRoot) throw new LocalRuntimeError(`environment ${env.name} has no localRoot: add spec.localRoot (a folder; each bucket is a folder below it)`);
  return path.resolve(specDir, env.localRoot);
}

function summarize(source: string, bucket: string, key: string, r: IngestResult): LocalFileSummary {
  const m = r.manifest;
  return { source, bucket, key, outcome: r.outcome, status: m.status, batchId: m.batchId, rowsRead: m.rowsRead, accepted: m.accepted, rejected: m.rejected, reasons: m.reasons, reason: m.reason };
}

/**
 * Ingests every file waiting for a local environment's sources: the landing prefix of each s3
 * source (or its external bucket's folder), and <localRoot>/sftp/<source> for sftp sources
 * (landed first, as a poll would). Files already ingested are skipped: running twice changes
 * nothing.
 */
export async function runLocalIngest(opts: {
  readonly specDir: string;
  readonly manifest: RuntimeManifest;
  readonly onProgress?: (event: IngestProgressEvent) => void;
  readonly limits?: DuckDbLimits;
}): Promise<LocalIngestSummary> {
  const { manifest } = opts;
  const localRoot = resolveLocalRoot(manifest, opts.specDir);
  const store = new LocalObjectStore(localRoot);
  const landingErrors: LocalIngestSummary['landingErrors'] = [];
  const work: { source: string; bucket: string; key: string }[] = [];
  for (const [name, source] of Object.entries(manifest.sources).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (source.type === 'sftp') {
      for (const l of await landLocalSftpFolder(store, manifest, name)) if (l.status === 'failed') landingErrors.push({ source: name, file: l.name, error: l.error ?? '' });
    }
    const bucket = source.s3?.bucket ?? manifest.buckets.landing;
    const prefix = source.s3?.bucket !== undefined ? (source.s3.prefix ?? '') : source.landingPrefix;
    // with nested prefixes, a key belongs to the source with the longest one (as for S3 events)
    for (const o of await store.list(bucket, prefix)) if (sourceOfObject(manifest, bucket, o.key) === name) work.push({ source: name, bucket, key: o.key });
  }
  const files: LocalFileSummary[] = [];
  for (const [i, w] of work.entries()) {
    opts.onProgress?.({ type: 'file-start', source: w.source, key: w.key, index: i, total: work.length });
    let file: LocalFileSummary;
    try {
      file = summarize(w.source, w.bucket, w.key, await ingestObject({ store, manifest, source: w.source, object: { bucket: w.bucket, key: w.key }, limits: opts.limits }));
    } catch (e) {
      file = { ...w, outcome: 'error', rowsRead: 0, accepted: 0, rejected: 0, reasons: {}, reason: (e as Error).message };
    }
    files.push(file);
    opts.onProgress?.({ type: 'file-done', source: w.source, key: w.key, index: i, total: work.length, file });
  }
  const sum = (f: (x: LocalFileSummary) => number) => files.reduce((a, x) => a + f(x), 0);
  const count = (p: (x: LocalFileSummary) => boolean) => files.filter(p).length;
  return {
    localRoot,
    files,
    landingErrors,
    totals: {
      files: files.length,
      ingested: count((f) => f.outcome === 'ingested'),
      alreadyIngested: count((f) => f.outcome === 'already-ingested'),
      published: count((f) => f.status === 'published'),
      rejectedThreshold: count((f) => f.status === 'rejected-threshold'),
      failed: count((f) => f.status === 'failed' || f.outcome === 'error'),
      rowsRead: sum((f) => (f.outcome === 'ingested' ? f.rowsRead : 0)),
      accepted: sum((f) => (f.outcome === 'ingested' ? f.accepted : 0)),
      rejected: sum((f) => (f.outcome === 'ingested' ? f.rejected : 0)),
    },
  };
}

/** The store of an environment: its localRoot folder, or S3 in its region. */
export function storeFor(manifest: RuntimeManifest, specDir: string): ObjectStore {
  return manifest.environment.runtime === 'local' ? new LocalObjectStore(resolveLocalRoot(manifest, specDir)) : new S3ObjectStore(createS3Client({ region: manifest.environment.region }));
}

/**
 * `prospect ingest FILE --source NAME [--dry-run]`: ingest one file as that source would. The
 * file is first landed under the source's landing prefix (its name kept), then ingested like
 * any delivery, so `prospect run` later finds it already ingested. With `dryRun`, the file is
 * read in place and checked, and nothing is written anywhere.
 */
export async function ingestFile(opts: {
  readonly file: string;
  readonly source: string;
  readonly manifest: RuntimeManifest;
  /** @default storeFor(manifest, specDir) */
  readonly store?: ObjectStore;
  /** Folder relative localRoot is resolved against. @default process.cwd() */
  readonly specDir?: string;
  readonly dryRun?: boolean;
  readonly limits?: DuckDbLimits;
}): Promise<IngestResult> {
  const file = path.resolve(opts.file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new LocalRuntimeError(`${opts.file}: no such file`);
  }
  if (!stat.isFile()) throw new LocalRuntimeError(`${opts.file} is not a file`);
  const source = opts.manifest.sources[opts.source];
  if (!source) throw new LocalRuntimeError(`no Source named ${opts.source}; sources: ${Object.keys(opts.manifest.sources).join(', ') || '(none)'}`);
  const store = opts.store ?? storeFor(opts.manifest, opts.specDir ?? process.cwd());
  if (opts.dryRun) {
    // Identity of a file that is not in any store: its path and content.
    const md5 = createHash('md5');
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) md5.update(chunk as Buffer);
    const info = { bucket: 'file', key: file.replace(/^\/+/, ''), size: stat.size, etag: md5.digest('hex'), lastModified: stat.mtime };
    return ingestObject({ store, manifest: opts.manifest, source: opts.source, object: info, info, localPath: file, dryRun: true, limits: opts.limits });
  }
  const bucket = opts.manifest.buckets.landing;
  const key = `${source.landingPrefix}${path.basename(file)}`;
  const info = await store.putStream(bucket, key, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }));
  return ingestObject({ store, manifest: opts.manifest, source: opts.source, object: { bucket, key }, info, limits: opts.limits });
}
