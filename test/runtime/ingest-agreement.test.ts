// The SQL checks and the JavaScript reference (ajv) agree, record by record: on a generated
// partner file and on fuzzed rows. Both read the same bytes: DuckDB through read_csv, the
// reference through csv-parse.

import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planIngest } from '../../runtime/ingest/ingest-plan';
import { ReferenceValidator } from '../../runtime/ingest/reference-validator';
import { csvField, ingestBytes, tempRoot } from '../support/ingest-harness';
import { PARTNER_COLUMNS, partnerManifest, writePartnerCsv } from '../support/partner-fixture';

function referenceOutcome(csv: string) {
  const plan = planIngest(partnerManifest(), 'acme-s3');
  const validator = new ReferenceValidator(plan);
  const records = parse(csv, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((r, i) => ({ record: i + 1, row: r, ...validator.check((c) => r[c.column]) }));
}

describe('SQL checks agree with the reference validator', () => {
  it('on a generated partner file: same rejected records, same reasons, same accepted count', async () => {
    const root = tempRoot();
    const file = path.join(root, 'sample.csv');
    await writePartnerCsv(file, { rows: 5000, invalidShare: 0.05, seed: 11 });
    const csv = fs.readFileSync(file, 'utf8');
    const expected = referenceOutcome(csv);
    const run = await ingestBytes(csv);
    const m = run.result.manifest;
    const expectedRejected = expected.filter((e) => e.reasons.length > 0);
    expect(expectedRejected.length).toBeGreaterThan(100);
    expect(m.status).toBe('published');
    expect(m.rowsRead).toBe(5000);
    expect(m.rejected).toBe(expectedRejected.length);
    expect(m.accepted).toBe(5000 - expectedRejected.length);
    expect(run.rejected.map((r) => [r.record, r.reasons])).toEqual(expectedRejected.map((e) => [e.record, e.reasons]));
    // The raw row of a rejected record is the file's row.
    expect(run.rejected[0].raw).toEqual(expectedRejected[0].row);
  });

  const texts = {
    id: fc.oneof(fc.constantFrom('', ' P1', 'P1 ', 'P\u00011', 'ok-id', 'x'.repeat(257), 'é'.repeat(256)), fc.string({ minLength: 1, maxLength: 12 })),
    name: fc.oneof(fc.string({ maxLength: 60 }), fc.constant('x'.repeat(51)), fc.constant('ü'.repeat(50)), fc.constant('👍'.repeat(50))),
    state: fc.constantFrom('', 'CA', 'ca', 'ZZ', ' CA', 'NV'),
    zip: fc.oneof(fc.constantFrom('', '01234', '1234', '123456', 'abcde', '00000'), fc.string({ maxLength: 6 })),
    age: fc.oneof(
      fc.constantFrom('', '17', '18', '120', '121', '-0', '007', '12.5', ' 42', '1e2', '0x1A', '+5', '9223372036854775807', '9223372036854775808', '-9223372036854775809', '99999999999999999999'),
      fc.integer({ min: -200, max: 300 }).map(String),
    ),
    band: fc.constantFrom('', 'A', 'F', 'G', 'a', 'AB'),
    interests: fc.string({ maxLength: 20 }),
    updated: fc.constantFrom(
      '',
      '2024-01-05T10:00:00Z',
      '2024-01-05 10:00:00',
      '2024-01-05T10:00',
      '2024-01-05T10:00:00.123456789Z',
      '2024-01-05T10:00:00+02:00',
      '2024-01-05T10:00:00-0530',
      '2024-01-05T10:00:00+05',
      '2024-01-05T24:00:00Z',
      '2024-01-05T10:60:00Z',
      '2024-02-30T10:00:00Z',
      '2024-1-5T10:00:00Z',
      '2024-01-05',
      'yesterday',
      '2024-01-05T10:00:00+24:00',
    ),
    birth: fc.constantFrom('', '2000-02-29', '1900-02-29', '2023-02-29', '2024-02-29', '1999-12-31', '1999-13-01', '1999-00-10', '1999-1-1', '0001-01-01', '19990101', '1999-12-31T00:00:00'),
    score: fc.oneof(fc.constantFrom('', '0', '1', '1.0', '0.5', '.5', '5.', '-0.0', '1e-3', '1E0', '2', '-1', '1e400', 'NaN', 'inf', '0,5'), fc.double({ min: -1, max: 2, noNaN: true }).map(String)),
    owner: fc.constantFrom('', 'true', 'false', 'TRUE', 'False', '1', '0', 'yes', 'tRuE', ' true'),
  };
  const row = fc.tuple(texts.id, texts.name, texts.state, texts.zip, texts.age, texts.band, texts.interests, texts.updated, texts.birth, texts.score, texts.owner);

  it('on fuzzed rows: same verdict and reasons per record, same typed values for accepted records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), async (rows) => {
        const csv = [PARTNER_COLUMNS.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
        const expected = referenceOutcome(csv);
        const manifest = partnerManifest();
        const run = await ingestBytes(csv, { manifest: { ...manifest, sources: { 'acme-s3': { ...manifest.sources['acme-s3'], errorThreshold: 100 } } } });
        expect(run.result.manifest.rowsRead).toBe(rows.length);
        const got = new Map(run.rejected.map((r) => [r.record, r.reasons]));
        for (const e of expected) expect([e.record, got.get(e.record) ?? []]).toEqual([e.record, e.reasons]);
        const acceptedExpected = expected.filter((e) => e.reasons.length === 0);
        expect(run.accepted.length).toBe(acceptedExpected.length);
        run.accepted.forEach((a, i) => {
          const v = acceptedExpected[i].values;
          expect(a._id).toBe(`${run.result.manifest.batchId}-${acceptedExpected[i].record}`);
          expect(a.partnerId).toBe(v.partnerId);
          expect(a.age).toBe(v.age);
          expect(a.score).toBe(v.score);
          expect(a.homeowner).toBe(v.homeowner);
          expect(a.birthDate === null ? null : (a.birthDate as Date).toISOString().slice(0, 10)).toBe(v.birthDate);
          expect(a.modifyDate === null ? null : (a.modifyDate as Date).getTime()).toBe(v.modifyDate);
        });
        fs.rmSync(run.root, { recursive: true, force: true });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261203 },
    );
  });
});
