// The ingest Lambda edge: event parsing and structured logs over the real core (local store).

import { BadEventError, handleIngestEvent, parseIngestEvent } from '../../handlers/ingest';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { jsonLogger } from '../../runtime/log';
import { tempRoot } from '../support/ingest-harness';
import { partnerCsvLines, partnerManifest } from '../support/partner-fixture';

const csv = [...partnerCsvLines({ rows: 40, invalidShare: 0 })].join('\n') + '\n';

function setup() {
  const root = tempRoot();
  const manifest = partnerManifest({ localRoot: root, sources: { 'acme-s3': {}, 'acme-ext': { s3: { bucket: 'partner-outbox', prefix: 'acme/' }, schedule: '0 6 * * *' } } });
  const lines: Record<string, unknown>[] = [];
  const log = jsonLogger({ function: 'ingest' }, (l) => lines.push(JSON.parse(l)));
  return { root, manifest, store: new LocalObjectStore(root), log, lines };
}

describe('ingest handler', () => {
  it('parses the landing rule input, a raw S3 "Object Created" event and a sweep request', () => {
    const { manifest } = setup();
    expect(parseIngestEvent({ source: 'acme-s3', bucket: 'b', key: 'sources/acme-s3/a+b%2Cc.csv' }, manifest)).toEqual({ kind: 'object', source: 'acme-s3', bucket: 'b', key: 'sources/acme-s3/a b,c.csv' });
    const s3Event = { source: 'aws.s3', 'detail-type': 'Object Created', detail: { bucket: { name: manifest.buckets.landing }, object: { key: 'sources/acme-s3/2026/f.csv' } } };
    expect(parseIngestEvent(s3Event, manifest)).toEqual({ kind: 'object', source: 'acme-s3', bucket: manifest.buckets.landing, key: 'sources/acme-s3/2026/f.csv' });
    const external = { ...s3Event, detail: { bucket: { name: 'partner-outbox' }, object: { key: 'acme/f.csv' } } };
    expect(parseIngestEvent(external, manifest)).toMatchObject({ source: 'acme-ext' });
    expect(parseIngestEvent({ source: 'acme-ext' }, manifest)).toEqual({ kind: 'sweep', source: 'acme-ext' });
    expect(() => parseIngestEvent({ hello: 1 }, manifest)).toThrow(BadEventError);
    expect(() => parseIngestEvent({ ...s3Event, detail: { bucket: { name: 'elsewhere' }, object: { key: 'x.csv' } } }, manifest)).toThrow(
      's3://elsewhere/x.csv is under no source\'s landing prefix; sources: acme-ext, acme-s3',
    );
  });

  it('ingests the landed object and logs one JSON line per step with the counts', async () => {
    const { manifest, store, log, lines } = setup();
    await store.put(manifest.buckets.landing, 'sources/acme-s3/f.csv', csv);
    const r = await handleIngestEvent({ source: 'acme-s3', bucket: manifest.buckets.landing, key: 'sources/acme-s3/f.csv' }, { store, manifest, log });
    expect(r.results).toEqual([expect.objectContaining({ key: 'sources/acme-s3/f.csv', outcome: 'ingested', status: 'published', rowsRead: 40, accepted: 40, rejected: 0 })]);
    expect(lines.map((l) => [l.level, l.message, l.function, l.source])).toEqual([
      ['info', 'ingest started', 'ingest', 'acme-s3'],
      ['info', 'batch published', 'ingest', 'acme-s3'],
    ]);
    expect(lines[1]).toMatchObject({ rowsRead: 40, accepted: 40, status: 'published', timestamp: expect.any(String) });
    await handleIngestEvent({ source: 'acme-s3', bucket: manifest.buckets.landing, key: 'sources/acme-s3/f.csv' }, { store, manifest, log });
    expect(lines[3].message).toBe('already ingested');
  });

  it('sweeps an external bucket on schedule, ingesting each object once', async () => {
    const { manifest, store, log } = setup();
    await store.put('partner-outbox', 'acme/one.csv', csv);
    await store.put('partner-outbox', 'acme/two.csv', csv.replace(/P0000000/g, 'P1000000'));
    await store.put('partner-outbox', 'other/skip.csv', csv);
    const first = await handleIngestEvent({ source: 'acme-ext' }, { store, manifest, log });
    expect(first.results.map((x) => [x.key, x.outcome, x.status])).toEqual([
      ['acme/one.csv', 'ingested', 'published'],
      ['acme/two.csv', 'ingested', 'published'],
    ]);
    const second = await handleIngestEvent({ source: 'acme-ext' }, { store, manifest, log });
    expect(second.results.map((x) => x.outcome)).toEqual(['already-ingested', 'already-ingested']);
  });

  it('logs a warning with the reason for a batch that is not published', async () => {
    const { manifest, store, log, lines } = setup();
    await store.put(manifest.buckets.landing, 'sources/acme-s3/empty.csv', '');
    await handleIngestEvent({ source: 'acme-s3', bucket: manifest.buckets.landing, key: 'sources/acme-s3/empty.csv' }, { store, manifest, log });
    expect(lines[1]).toMatchObject({ level: 'warn', status: 'failed', message: expect.stringMatching(/^batch failed: the file is empty/) });
  });
});
