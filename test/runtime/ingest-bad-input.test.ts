// Every kind of bad partner file gets a clear outcome, and the counts always add up.

import { DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BatchManifest } from '../../runtime/ingest/batch-manifest';
import { ingestBytes, tempRoot } from '../support/ingest-harness';
import { PARTNER_COLUMNS, partnerManifest } from '../support/partner-fixture';

const HEADER = PARTNER_COLUMNS.join(',');

/** A valid row for partner id `n`, with some columns replaced. */
function row(n: number, replace: Partial<Record<(typeof PARTNER_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = {
    partner_id: `P${String(n).padStart(9, '0')}`,
    first_name: `Name${n}`,
    state: 'CA',
    zip: '01234',
    age: '40',
    income_band: 'B',
    interests: 'golf',
    last_updated: '2026-01-31T12:00:00Z',
    birth_date: '1986-01-31',
    score: '0.5',
    homeowner: 'true',
  };
  return PARTNER_COLUMNS.map((c) => replace[c] ?? base[c]).join(',');
}

/** The manifest's counts against what was written: the Parquet's rows and the rejected file's lines. */
function expectCountsMatchOutputs(m: BatchManifest, accepted: readonly unknown[], rejected: readonly unknown[]): void {
  // a batch over its threshold publishes no accepted rows, but still counts and lists them all
  expect(accepted.length).toBe(m.status === 'published' ? m.accepted : 0);
  expect(rejected.length).toBe(m.rejected);
  expect(m.rowsRead).toBe(m.accepted + rejected.length);
  expect(Object.values(m.reasons).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(m.rejected);
}

/** A manifest whose source tolerates any share of rejects (to see every record's outcome). */
function tolerant(patch: Record<string, unknown> = {}) {
  const m = partnerManifest();
  const src = m.sources['acme-s3'];
  return { ...m, sources: { 'acme-s3': { ...src, errorThreshold: 100, ...patch, format: { ...src.format, ...((patch.format as object) ?? {}) } } } };
}

describe('ingesting bad partner files', () => {
  it('rejects a row with an unterminated quote, which runs to the end of the file, and counts it once', async () => {
    const csv = [HEADER, row(1), row(2), row(3, { first_name: '"never closed' }), row(4)].join('\n') + '\n';
    const { result, rejected, accepted } = await ingestBytes(csv, { manifest: tolerant() });
    const m = result.manifest;
    expectCountsMatchOutputs(m, accepted, rejected);
    expect(m).toMatchObject({ status: 'published', rowsRead: 3, accepted: 2, rejected: 1 });
    expect(m.reasons).toEqual({ 'record: unterminated or misplaced quote': 1 });
    expect(rejected[0].record).toBe(3);
    expect(String(rejected[0].raw)).toContain('"never closed');
    expect(String(rejected[0].raw)).toContain('P000000004'); // swallowed by the open quote
    expect(accepted.map((a) => a.partnerId)).toEqual(['P000000001', 'P000000002']);
  });

  it('rejects rows with too many or too few columns with their record numbers, after quoted newlines and blank lines', async () => {
    const csv = [HEADER, row(1, { interests: '"golf\nand\ntennis"' }), '', row(2) + ',extra', row(3), '', '', 'P000000004,only-two', row(5, { age: 'old' }), row(6)].join('\n') + '\n';
    const { result, rejected, accepted } = await ingestBytes(csv, { manifest: tolerant() });
    const m = result.manifest;
    expectCountsMatchOutputs(m, accepted, rejected);
    expect(m).toMatchObject({ rowsRead: 6, accepted: 3, rejected: 3 });
    expect(rejected.map((r) => [r.record, r.reasons])).toEqual([
      [2, ['record: too many columns (expected 11)']],
      [4, ['record: too few columns (expected 11)']],
      [5, ['age: not an integer (digits, optional leading minus)']],
    ]);
    expect(rejected[1].raw).toBe('P000000004,only-two');
    // _id numbers the rows the reader could parse (1, 3, 5, 6 here): unique, stable across runs.
    expect(accepted.map((a) => [a.partnerId, a._id])).toEqual([
      ['P000000001', `${m.batchId}-1`],
      ['P000000003', `${m.batchId}-2`],
      ['P000000006', `${m.batchId}-4`],
    ]);
    expect(accepted[0].interests).toBe('golf\nand\ntennis');
  });

  it('reads a file with a byte-order mark and CRLF line ends', async () => {
    const csv = '\ufeff' + [HEADER, row(1, { interests: '"two\r\nlines"' }), row(2)].join('\r\n') + '\r\n';
    const { result, accepted } = await ingestBytes(csv);
    expect(result.manifest).toMatchObject({ status: 'published', rowsRead: 2, accepted: 2, rejected: 0 });
    expect(accepted[0].partnerId).toBe('P000000001');
    expect(accepted[0].interests).toBe('two\r\nlines');
    expect(accepted[1].homeowner).toBe(true);
  });

  it('rejects a row with invalid UTF-8 and says how to fix the encoding', async () => {
    const bytes = Buffer.concat([Buffer.from([HEADER, row(1), ''].join('\n')), Buffer.from(row(2, { first_name: 'M\xfcller' }), 'latin1'), Buffer.from('\n' + row(3) + '\n')]);
    const { result, rejected } = await ingestBytes(bytes, { manifest: tolerant() });
    expect(result.manifest).toMatchObject({ rowsRead: 3, accepted: 2, rejected: 1 });
    expect(rejected[0].record).toBe(2);
    expect(rejected[0].reasons[0]).toMatch(/invalid UTF-8 .*format\.encoding/);
  });

  it('transcodes an ISO-8859-1 file to UTF-8 while streaming', async () => {
    const bytes = Buffer.from([HEADER, row(1, { first_name: 'Müller' }), row(2, { first_name: 'Ñandú' })].join('\n') + '\n', 'latin1');
    const { result, accepted } = await ingestBytes(bytes, { manifest: tolerant({ format: { encoding: 'iso-8859-1' } }) });
    expect(result.manifest).toMatchObject({ status: 'published', accepted: 2 });
    expect(accepted.map((a) => a.firstName)).toEqual(['Müller', 'Ñandú']);
  });

  it('fails an empty file, publishing nothing', async () => {
    const { result } = await ingestBytes('');
    expect(result.manifest).toMatchObject({ status: 'failed', rowsRead: 0, accepted: 0, rejected: 0 });
    expect(result.manifest.reason).toMatch(/the file is empty \(0 bytes\): expected a CSV header row with partner_id/);
    expect(result.manifest.outputs.data).toBeUndefined();
  });

  it('publishes a header-only file as an empty batch', async () => {
    const { result, accepted } = await ingestBytes(HEADER + '\n');
    expect(result.manifest).toMatchObject({ status: 'published', rowsRead: 0, accepted: 0, rejected: 0 });
    expect(accepted).toEqual([]);
  });

  it('fails a truncated gzip file with a clear reason', async () => {
    const gz = gzipSync(Buffer.from([HEADER, row(1), row(2)].join('\n') + '\n'));
    const { result } = await ingestBytes(gz.subarray(0, gz.length - 12), { manifest: tolerant({ format: { compression: 'gzip' } }), key: 'd.csv.gz' });
    expect(result.manifest).toMatchObject({ status: 'failed', rowsRead: 0 });
    expect(result.manifest.reason).toMatch(/gzip stream is truncated/);
  });

  it('reads a gzip file when the source says gzip, and fails it when the source says none', async () => {
    const gz = gzipSync(Buffer.from([HEADER, row(1), row(2)].join('\n') + '\n'));
    const ok = await ingestBytes(gz, { manifest: tolerant({ format: { compression: 'gzip' } }), key: 'd.csv.gz' });
    expect(ok.result.manifest).toMatchObject({ status: 'published', accepted: 2 });
    const wrong = await ingestBytes(gz, { key: 'd.csv.gz' });
    expect(wrong.result.manifest.status).toBe('failed');
    expect(wrong.result.manifest.reason).toMatch(/gzip-compressed, but format.compression is none: set compression: gzip/);
  });

  it('fails a CSV file delivered where the source says parquet or json', async () => {
    const csv = [HEADER, row(1)].join('\n') + '\n';
    const asParquet = await ingestBytes(csv, { manifest: tolerant({ format: { type: 'parquet' } }) });
    expect(asParquet.result.manifest.status).toBe('failed');
    expect(asParquet.result.manifest.reason).toMatch(/not Parquet \(it does not start with "PAR1"; it starts with "partner_id,firs/);
    const asJson = await ingestBytes(csv, { manifest: tolerant({ format: { type: 'json' } }) });
    expect(asJson.result.manifest.status).toBe('failed');
    expect(asJson.result.manifest.reason).toMatch(/not JSON lines/);
  });

  it('fails a file whose header lacks a mapped column, naming the column and what the header has', async () => {
    const csv = [HEADER.replace('zip', 'ZIP '), row(1)].join('\n') + '\n';
    const { result } = await ingestBytes(csv);
    expect(result.manifest.status).toBe('failed');
    expect(result.manifest.reason).toMatch(/column "zip" \(mapped to homeAddress.postalCode\) \(the file has "ZIP ": fix the case or spaces in spec.mapping\) not found/);
  });

  it('keeps both rows of a Partner ID that appears twice in one file (the profile takes the latest)', async () => {
    const csv = [HEADER, row(1, { age: '30' }), row(1, { age: '31' })].join('\n') + '\n';
    const { result, accepted } = await ingestBytes(csv);
    expect(result.manifest).toMatchObject({ status: 'published', accepted: 2, rejected: 0 });
    expect(accepted.map((a) => a.age)).toEqual([30n, 31n]);
  });

  it('stores a 10 MB field intact, and rejects it where maxLength forbids', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const csv = [HEADER, row(1, { interests: big }), row(2, { first_name: big })].join('\n') + '\n';
    const { result, accepted, rejected } = await ingestBytes(csv, { manifest: tolerant() });
    expect(result.manifest).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
    expect((accepted[0].interests as string).length).toBe(big.length);
    expect(rejected[0].reasons).toEqual(['firstName: longer than maxLength 50']);
  });

  it('fails a file with a record longer than 12 MiB, which the reader cannot split reliably', async () => {
    const csv = [HEADER, row(1), row(2, { interests: 'y'.repeat(13 * 1024 * 1024) }), row(3)].join('\n') + '\n';
    const { result } = await ingestBytes(csv, { manifest: tolerant() });
    expect(result.manifest).toMatchObject({ status: 'failed', rowsRead: 0, accepted: 0, rejected: 0 });
    expect(result.manifest.reason).toBe(
      '1 record(s), the first on line 3, are longer than 12 MiB, the longest record ingestion reads; the file cannot be split into records reliably, so nothing was published: shorten the field or split the file',
    );
  });

  it('rejects a missing or malformed primary identity', async () => {
    const csv = [HEADER, row(1, { partner_id: '' }), row(2, { partner_id: ' P2' }), row(3, { partner_id: '"P\t3"' }), row(4)].join('\n') + '\n';
    const { result, rejected } = await ingestBytes(csv, { manifest: tolerant() });
    expect(result.manifest).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 3 });
    expect(rejected.map((r) => r.reasons[0])).toEqual([
      'partnerId: primary identity is missing',
      expect.stringMatching(/^partnerId: primary identity is malformed/),
      expect.stringMatching(/^partnerId: primary identity is malformed/),
    ]);
  });

  it('publishes nothing when the rejected share exceeds errorThreshold, and says why', async () => {
    const csv = [HEADER, row(1), row(2, { age: 'x' }), row(3, { state: 'ZZ' }), row(4)].join('\n') + '\n';
    const { result, rejected, accepted } = await ingestBytes(csv);
    const m = result.manifest;
    expectCountsMatchOutputs(m, accepted, rejected);
    expect(m).toMatchObject({ status: 'rejected-threshold', rowsRead: 4, accepted: 2, rejected: 2, rejectedPercent: 50, errorThreshold: 10 });
    expect(m.reason).toMatch(/2 of 4 records \(50\.00%\) were rejected, more than errorThreshold 10%: nothing from this file was published/);
    expect(m.outputs.data).toBeUndefined();
    expect(accepted).toEqual([]);
    expect(rejected).toHaveLength(2);
  });

  it('reads JSON lines: broken lines, non-objects and nested values are rejected records; blank lines are skipped', async () => {
    const obj = (n: number, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ partner_id: `P${n}`, first_name: 'Ann', state: 'WA', zip: '98101', age: 33, income_band: 'C', interests: 'ski', last_updated: '2026-01-01T00:00:00Z', birth_date: '1993-01-01', score: 0.25, homeowner: false, ...extra });
    const text = [obj(1), '', '{"partner_id": "P2", broken', '[1,2]', obj(5, { first_name: { given: 'Ann' } }), obj(6, { age: '34' }), ''].join('\n');
    const { result, rejected, accepted } = await ingestBytes(text, { manifest: tolerant({ format: { type: 'json' } }), key: 'd.jsonl' });
    expect(result.manifest).toMatchObject({ rowsRead: 5, accepted: 2, rejected: 3 });
    expect(rejected.map((r) => [r.record, r.reasons])).toEqual([
      [3, ['record: not valid JSON']],
      [4, ['record: not a JSON object']],
      [5, ['first_name: is an object or array, expected a single value']],
    ]);
    expect(accepted.map((a) => [a.partnerId, a.age, a.homeowner, a.score])).toEqual([
      ['P1', 33n, false, 0.25],
      ['P6', 34n, false, 0.25],
    ]);
  });

  it('reads Parquet with typed columns', async () => {
    const root = tempRoot();
    const file = path.join(root, 'in.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`COPY (SELECT 'P' || i AS partner_id, 'N' AS first_name, 'TX' AS state, '75001' AS zip, (17 + i)::INTEGER AS age, 'A' AS income_band, 'x' AS interests,
      TIMESTAMP '2026-01-02 03:04:05' AS last_updated, DATE '1990-05-06' AS birth_date, 0.5::DOUBLE AS score, true AS homeowner FROM range(3) t(i)) TO '${file}' (FORMAT parquet)`);
    c.closeSync();
    db.closeSync();
    const { result, accepted, rejected } = await ingestBytes(fs.readFileSync(file), { manifest: tolerant({ format: { type: 'parquet' } }), key: 'd.parquet' });
    expect(result.manifest).toMatchObject({ rowsRead: 3, accepted: 2, rejected: 1 });
    expect(rejected[0]).toMatchObject({ record: 1, reasons: ['age: below minimum 18'] });
    expect(accepted.map((a) => [a.partnerId, a.age, (a.modifyDate as Date).toISOString()])).toEqual([
      ['P1', 18n, '2026-01-02T03:04:05.000Z'],
      ['P2', 19n, '2026-01-02T03:04:05.000Z'],
    ]);
  });
});
