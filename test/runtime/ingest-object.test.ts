// Batches are idempotent, dry runs write nothing, and the same core ingests from S3 (s3rver).

import * as fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import { batchIdOf } from '../../runtime/ingest/batch-id';
import { ingestObject } from '../../runtime/ingest/ingest-object';
import { IngestPlanError, planIngest } from '../../runtime/ingest/ingest-plan';
import { batchManifestKey } from '../../runtime/layout';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { NoSuchObjectError } from '../../runtime/object-store';
import { S3ObjectStore } from '../../runtime/s3-object-store';
import { ingestBytes, readParquetRows, tempRoot } from '../support/ingest-harness';
import { partnerCsvLines, partnerManifest } from '../support/partner-fixture';
import { startS3rver } from '../support/s3rver';

const csv = (rows: number, seed = 3) => [...partnerCsvLines({ rows, seed, invalidShare: 0.05 })].join('\n') + '\n';

describe('ingestObject', () => {
  it('derives the batch id from bucket, key and ETag (version id only without an ETag)', () => {
    const a = batchIdOf({ bucket: 'b', key: 'k.csv', etag: 'e1', versionId: 'v1' });
    expect(a).toMatch(/^[0-9a-f]{24}$/);
    expect(batchIdOf({ bucket: 'b', key: 'k.csv', etag: 'e1', versionId: 'v2' })).toBe(a);
    expect(batchIdOf({ bucket: 'b', key: 'k.csv', etag: 'e2' })).not.toBe(a);
    expect(batchIdOf({ bucket: 'b', key: 'other.csv', etag: 'e1' })).not.toBe(a);
    expect(batchIdOf({ bucket: 'b', key: 'k.csv', etag: '', versionId: 'v1' })).not.toBe(batchIdOf({ bucket: 'b', key: 'k.csv', etag: '', versionId: 'v2' }));
  });

  it('re-ingesting after a rules change keeps the batch\'s first ingestion time (merge order and expiry do not move)', async () => {
    const first = await ingestBytes(csv(50), { now: () => new Date('2026-10-01T00:00:00Z') });
    const { store, manifest } = first;
    const object = first.result.manifest.object;
    // a new threshold is a new rulesVersion: the same object is checked again
    const changed = { ...manifest, sources: { 'acme-s3': { ...manifest.sources['acme-s3'], errorThreshold: 50 } } };
    const again = await ingestObject({ store, manifest: changed, source: 'acme-s3', object, now: () => new Date('2026-12-01T00:00:00Z') });
    expect(again.outcome).toBe('ingested');
    expect(again.manifest.rulesVersion).not.toBe(first.result.manifest.rulesVersion);
    expect(again.manifest.ingestedAt).toBe('2026-10-01T00:00:00.000Z');
  });

  it('skips a delivery it already ingested, and re-runs one that failed', async () => {
    const first = await ingestBytes(csv(200));
    expect(first.result).toMatchObject({ outcome: 'ingested', manifest: { status: 'published', rowsRead: 200 } });
    const { store, manifest, root } = first;
    const object = first.result.manifest.object;
    const dataKey = first.result.manifest.outputs.data!.key;
    const before = fs.statSync(store.pathOf(manifest.buckets.lake, dataKey)).mtimeMs;
    const again = await ingestObject({ store, manifest, source: 'acme-s3', object });
    expect(again.outcome).toBe('already-ingested');
    expect(again.manifest.batchId).toBe(first.result.manifest.batchId);
    expect(fs.statSync(store.pathOf(manifest.buckets.lake, dataKey)).mtimeMs).toBe(before);
    // A stored failure is retried.
    const failedKey = batchManifestKey('acme-prospects', first.result.manifest.batchId);
    await store.put(manifest.buckets.lake, failedKey, JSON.stringify({ ...first.result.manifest, status: 'failed' }));
    expect((await ingestObject({ store, manifest, source: 'acme-s3', object })).outcome).toBe('ingested');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes the same accepted data for a retried delivery', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const store = new LocalObjectStore(root);
    const key = 'sources/acme-s3/again.csv';
    await store.put(manifest.buckets.landing, key, csv(300));
    const a = await ingestObject({ store, manifest, source: 'acme-s3', object: { bucket: manifest.buckets.landing, key } });
    const rowsA = await readParquetRows(store.pathOf(manifest.buckets.lake, a.manifest.outputs.data!.key), '"_id"');
    await store.delete(manifest.buckets.lake, a.manifest.outputs.manifest!.key); // as if the first run died before its manifest
    const b = await ingestObject({ store, manifest, source: 'acme-s3', object: { bucket: manifest.buckets.landing, key } });
    expect(b.manifest.batchId).toBe(a.manifest.batchId);
    expect(b.manifest.outputs.data).toEqual(a.manifest.outputs.data);
    expect(await readParquetRows(store.pathOf(manifest.buckets.lake, b.manifest.outputs.data!.key), '"_id"')).toEqual(rowsA);
    expect((await store.list(manifest.buckets.lake, 'datasets/')).length).toBe(1);
  });

  it('checks and counts in a dry run without writing anything', async () => {
    const { result, store, manifest } = await ingestBytes(csv(100), { dryRun: true });
    expect(result.manifest).toMatchObject({ dryRun: true, status: 'published', rowsRead: 100, outputs: {} });
    expect(result.manifest.rejected).toBeGreaterThan(0);
    expect(await store.list(manifest.buckets.lake, '')).toEqual([]);
  });

  it('names a missing object and an unknown source', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const store = new LocalObjectStore(root);
    await expect(ingestObject({ store, manifest, source: 'acme-s3', object: { bucket: manifest.buckets.landing, key: 'sources/acme-s3/gone.csv' } })).rejects.toThrow(NoSuchObjectError);
    await expect(ingestObject({ store, manifest, source: 'nope', object: { bucket: 'b', key: 'k' } })).rejects.toThrow(/no Source named nope; sources in this environment: acme-s3/);
  });

  it('reports every mapping mistake of a source at once', () => {
    const manifest = partnerManifest({ sources: { bad: { mapping: { a: 'nope', b: '_id', c: 'age' } } } });
    let error: IngestPlanError | undefined;
    try {
      planIngest(manifest, 'bad');
    } catch (e) {
      error = e as IngestPlanError;
    }
    expect(error).toBeInstanceOf(IngestPlanError);
    expect(error!.problems).toEqual([
      expect.stringMatching(/^mapping a -> nope: schema acme-prospect has no field nope/),
      'mapping b -> _id: _id is filled by the platform; map the column to another field or drop it',
      'no column is mapped to the primary identity partnerId: add "<file column>: partnerId" to spec.mapping',
      'required field homeAddress.state is not mapped: add "<file column>: homeAddress.state" to spec.mapping',
    ]);
  });

  it('ingests a gzip, ISO-8859-1 object from S3 (s3rver) and publishes to the lake bucket', async () => {
    const manifest = partnerManifest({ runtime: 'aws' });
    const src = manifest.sources['acme-s3'];
    const m = { ...manifest, sources: { 'acme-s3': { ...src, format: { ...src.format, compression: 'gzip' as const, encoding: 'iso-8859-1' as const } } } };
    const s3 = await startS3rver([m.buckets.landing, m.buckets.lake]);
    try {
      const store = new S3ObjectStore(s3.client);
      const text = csv(2000).replace('Name7,', 'Jürgen,');
      const key = 'sources/acme-s3/2026/delivery.csv.gz';
      await store.put(m.buckets.landing, key, gzipSync(Buffer.from(text, 'latin1')));
      const r = await ingestObject({ store, manifest: m, source: 'acme-s3', object: { bucket: m.buckets.landing, key } });
      expect(r.manifest).toMatchObject({ status: 'published', rowsRead: 2000 });
      expect(r.manifest.object.etag).toMatch(/^[0-9a-f]{32}$/);
      const keys = (await store.list(m.buckets.lake, '')).map((o) => o.key);
      expect(keys).toEqual([
        `datasets/third-party/acme-prospects/batch=${r.manifest.batchId}/data.parquet`,
        `manifests/acme-prospects/batch=${r.manifest.batchId}.json`,
        `rejected/acme-prospects/batch=${r.manifest.batchId}/rejected.jsonl`,
      ]);
      const local = tempRoot() + '/data.parquet';
      fs.writeFileSync(local, await store.get(m.buckets.lake, keys[0]));
      const rows = await readParquetRows(local);
      expect(rows).toHaveLength(r.manifest.accepted);
      expect(rows.some((x) => x.firstName === 'Jürgen')).toBe(true);
      expect((await ingestObject({ store, manifest: m, source: 'acme-s3', object: { bucket: m.buckets.landing, key } })).outcome).toBe('already-ingested');
    } finally {
      await s3.stop();
    }
  });
});
