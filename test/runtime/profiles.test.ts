// The profile view: latest record per Partner ID across current published batches.

import { ingestObject } from '../../runtime/ingest/ingest-object';
import { LocalObjectStore } from '../../runtime/local-object-store';
import type { ObjectStore } from '../../runtime/object-store';
import { openProfiles } from '../../runtime/profiles';
import { S3ObjectStore } from '../../runtime/s3-object-store';
import { tempRoot } from '../support/ingest-harness';
import { PARTNER_COLUMNS, partnerManifest } from '../support/partner-fixture';
import { startS3rver } from '../support/s3rver';

const HEADER = PARTNER_COLUMNS.join(',');
const line = (id: string, age: number, updated = '') => `${id},N,CA,01234,${age},A,golf,${updated},1980-01-01,0.5,true`;
const DAY = 86_400_000;

async function deliver(store: ObjectStore, manifest: ReturnType<typeof partnerManifest>, name: string, lines: string[], ingestedAt: Date) {
  const key = `sources/acme-s3/${name}`;
  await store.put(manifest.buckets.landing, key, [HEADER, ...lines].join('\n') + '\n');
  const r = await ingestObject({ store, manifest, source: 'acme-s3', object: { bucket: manifest.buckets.landing, key }, now: () => ingestedAt });
  expect(r.manifest.status).toBe('published');
  return r.manifest.batchId;
}

async function ages(view: Awaited<ReturnType<typeof openProfiles>>): Promise<Record<string, bigint>> {
  const rows = (await view.connection.runAndReadAll(`SELECT "partnerId", age FROM ${view.table} ORDER BY 1`)).getRowObjectsJS() as { partnerId: string; age: bigint }[];
  return Object.fromEntries(rows.map((r) => [r.partnerId, r.age]));
}

describe('openProfiles', () => {
  const t0 = new Date('2026-03-01T00:00:00Z');

  it('takes the latest record per Partner ID: modifyDate first, else batch ingestion time, then the later row', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root, expirationDays: 30 });
    const store = new LocalObjectStore(root);
    const a = await deliver(store, manifest, 'a.csv', [line('P1', 30, '2026-02-01T00:00:00Z'), line('P2', 40), line('P4', 60), line('P4', 61)], t0);
    const b = await deliver(store, manifest, 'b.csv', [line('P1', 31, '2026-01-01T00:00:00Z'), line('P2', 41), line('P3', 50)], new Date(t0.getTime() + DAY));
    const view = await openProfiles(store, manifest, 'acme-prospects', { now: new Date(t0.getTime() + 2 * DAY) });
    try {
      expect(view.count).toBe(4);
      expect(view.table).toBe('profiles_acme_prospects');
      expect(view.identityField).toBe('partnerId');
      expect(view.batches).toEqual({ used: [a, b], expired: [] });
      // P1: a's modifyDate is later although a was ingested first. P2: no modifyDate, b is newer. P4: later row.
      expect(await ages(view)).toEqual({ P1: 30n, P2: 41n, P3: 50n, P4: 61n });
    } finally {
      view.close();
    }
  });

  it('leaves out batches past the dataset expiration, and gives an empty table when none is left', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root, expirationDays: 30 });
    const store = new LocalObjectStore(root);
    const old = await deliver(store, manifest, 'old.csv', [line('P1', 30), line('P2', 40)], t0);
    const fresh = await deliver(store, manifest, 'new.csv', [line('P2', 41)], new Date(t0.getTime() + 20 * DAY));
    const view = await openProfiles(store, manifest, 'acme-prospects', { now: new Date(t0.getTime() + 31 * DAY) });
    expect(view.batches).toEqual({ used: [fresh], expired: [old] });
    expect(await ages(view)).toEqual({ P2: 41n });
    view.close();
    const none = await openProfiles(store, manifest, 'acme-prospects', { now: new Date(t0.getTime() + 400 * DAY) });
    expect(none.count).toBe(0);
    const cols = (await none.connection.runAndReadAll(`DESCRIBE ${none.table}`)).getRowObjectsJS().map((r) => `${r.column_name}:${r.column_type}`);
    expect(cols).toEqual(expect.arrayContaining(['partnerId:VARCHAR', 'age:BIGINT', 'modifyDate:TIMESTAMP', 'birthDate:DATE']));
    none.close();
  });

  it('gives a field added to the schema after the last batch as NULL', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const store = new LocalObjectStore(root);
    await deliver(store, manifest, 'a.csv', [line('P1', 30)], t0);
    const schema = manifest.schemas['acme-prospect'];
    const evolved = { ...manifest, schemas: { 'acme-prospect': { ...schema, allFields: { ...schema.allFields, loyaltyTier: { type: 'string' as const } } } } };
    const view = await openProfiles(store, evolved, 'acme-prospects', { now: t0 });
    const rows = (await view.connection.runAndReadAll(`SELECT "partnerId", "loyaltyTier" FROM ${view.table}`)).getRowObjectsJS();
    expect(rows).toEqual([{ partnerId: 'P1', loyaltyTier: null }]);
    view.close();
  });

  it('ignores batches that were not published', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const store = new LocalObjectStore(root);
    await deliver(store, manifest, 'ok.csv', [line('P1', 30)], t0);
    const key = 'sources/acme-s3/bad.csv';
    await store.put(manifest.buckets.landing, key, [HEADER, line('P9', 5), line('P8', 6)].join('\n'));
    const r = await ingestObject({ store, manifest, source: 'acme-s3', object: { bucket: manifest.buckets.landing, key }, now: () => t0 });
    expect(r.manifest.status).toBe('rejected-threshold');
    const view = await openProfiles(store, manifest, 'acme-prospects', { now: t0 });
    expect(await ages(view)).toEqual({ P1: 30n });
    view.close();
  });

  it('reads batches from S3 through a local cache, in a connection the caller owns', async () => {
    const manifest = partnerManifest({ runtime: 'aws' });
    const s3 = await startS3rver([manifest.buckets.landing, manifest.buckets.lake]);
    try {
      const store = new S3ObjectStore(s3.client);
      await deliver(store, manifest, 'a.csv', [line('P1', 30), line('P2', 40)], t0);
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const db = await DuckDBInstance.create(':memory:');
      const connection = await db.connect();
      const view = await openProfiles(store, manifest, 'acme-prospects', { now: t0, connection, table: 'prospects', cacheDir: tempRoot() });
      expect(view.count).toBe(2);
      expect(await ages(view)).toEqual({ P1: 30n, P2: 40n });
      view.close(); // the caller's connection stays open
      expect((await connection.runAndReadAll('SELECT count(*) AS n FROM prospects')).getRowObjectsJS()[0].n).toBe(2n);
      connection.closeSync();
      db.closeSync();
    } finally {
      await s3.stop();
    }
  });
});
