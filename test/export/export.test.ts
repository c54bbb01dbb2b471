import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { planSegmentation, runSegmentation } from '../../runtime/segment';
import {
  audienceId,
  exportFileNames,
  insideBase,
  NameOutsideDestinationError,
  ObjectStoreSink,
  ExportContext,
  MissingSnapshotError,
  openDestinationSink,
  PolicyViolationError,
  runExport,
} from '../../runtime/export';
import type { RuntimeManifest } from '../../runtime/manifest';
import { exportWorld, ExportWorld, SEGMENT_RUN, setActivation, setDestination, testManifest } from './fixtures';
import { ATTRIBUTES, HEADER, ROW1, ROW2, ROW3, ROW6 } from './golden';

const EXPORT_TIME = new Date('2026-11-30T09:30:00Z');

let world: ExportWorld;
beforeAll(async () => {
  world = await exportWorld();
});
afterAll(() => world.close());

/** The example's acme-match-daily activation, reshaped: west-coast-affluent only, the awkward attributes. */
function manifest(): RuntimeManifest {
  const m = testManifest(world.root);
  setActivation(m, 'acme-match-daily', { audiences: ['west-coast-affluent'], attributes: ATTRIBUTES });
  return m;
}

function ctx(m: RuntimeManifest): ExportContext {
  return { manifest: m, connection: world.connection, profileTable: () => 'profiles', store: world.store, openSink: (plan) => openDestinationSink(plan, { manifest: m, store: world.store }) };
}

const exportsDir = (m: RuntimeManifest, ...rest: string[]) => path.join(world.root, m.buckets.exports, ...rest);

describe('CSV export, byte for byte', () => {
  it('writes the example destination (csv, gzip, header, defaults) as RFC 4180 text, sorted by partner id', async () => {
    const m = manifest();
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const name = 'partner-match-s3_west-coast-affluent_20261130_080000.csv.gz';
    const file = exportsDir(m, 'partner-match', 'acme', name);
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(bytes).toString('utf8')).toBe(HEADER + ROW1 + ROW2 + ROW3 + ROW6);
    expect(out.audiences[0].files).toEqual([
      { name, path: `partner-match/acme/${name}`, rows: 4, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    ]);
  });

  it('follows custom delimiter, quote, escape, null value and no header', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { compression: 'none', csv: { delimiter: ';', quote: "'", escape: '\\', nullValue: 'NULL', header: false }, nameTemplate: 'custom/%AUDIENCE_NAME%.txt' });
    await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const text = fs.readFileSync(exportsDir(m, 'partner-match', 'acme', 'custom', 'west-coast-affluent.txt'), 'utf8');
    expect(text).toBe(
      'AC0000000001;NULL;Portland, "Rose City";NULL;false;NULL;2026-11-28T09:15:00.25Z;;100.0\n' +
        "AC0000000002;98101;'Seattle\nNorth';30;NULL;0999-01-01;NULL;Zoë;café;1e-07\n".replace('Zoë;café', "'Zoë;café'") +
        'AC0000000003;02134;San Francisco;42;true;1984-02-29;2026-11-28T09:15:00Z;golf;wine;0.5\n'.replace('golf;wine', "'golf;wine'") +
        'AC0000000006;02134;Los Angeles;55;true;1970-12-31;2026-01-01T00:00:00.000001Z;golf;0.0\n',
    );
  });

  it('splits at maxRowsPerFile into -part-NNNN files, each with the header', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { compression: 'none', maxRowsPerFile: 3 });
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const names = out.audiences[0].files.map((f) => f.name);
    expect(names).toEqual(['partner-match-s3_west-coast-affluent_20261130_080000-part-0001.csv', 'partner-match-s3_west-coast-affluent_20261130_080000-part-0002.csv']);
    expect(out.audiences[0].files.map((f) => f.rows)).toEqual([3, 1]);
    expect(fs.readFileSync(exportsDir(m, 'partner-match', 'acme', names[0]), 'utf8')).toBe(HEADER + ROW1 + ROW2 + ROW3);
    expect(fs.readFileSync(exportsDir(m, 'partner-match', 'acme', names[1]), 'utf8')).toBe(HEADER + ROW6);
  });

  it('de-duplicates on an exported attribute, keeping the lowest partner id of each group', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { compression: 'none' });
    setActivation(m, 'acme-match-daily', { dedupKeys: ['homeAddress.postalCode'] });
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    // AC...3 and AC...6 share 02134: AC...3 stays. Missing postal codes form one group of their own.
    expect(fs.readFileSync(exportsDir(m, 'partner-match', 'acme', out.audiences[0].files[0].name), 'utf8')).toBe(HEADER + ROW1 + ROW2 + ROW3);
    expect(out.audiences[0]).toMatchObject({ members: 4, rows: 3 });
  });
});

describe('JSON lines and Parquet', () => {
  it('writes one JSON object per line: numbers and booleans bare, missing values null', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { format: 'json', compression: 'none', nameTemplate: '%AUDIENCE_ID%.json' });
    await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const id = audienceId('local', 'west-coast-affluent');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(fs.readFileSync(exportsDir(m, 'partner-match', 'acme', `${id}.json`), 'utf8')).toBe(
      [
        '{"PARTNER_ID":"AC0000000001","homeAddress.postalCode":null,"homeAddress.city":"Portland, \\"Rose City\\"","age":null,"homeOwner":false,"birthDate":null,"lastUpdated":"2026-11-28T09:15:00.25Z","interests":"","score":100.0}',
        '{"PARTNER_ID":"AC0000000002","homeAddress.postalCode":"98101","homeAddress.city":"Seattle\\nNorth","age":30,"homeOwner":null,"birthDate":"0999-01-01","lastUpdated":null,"interests":"Zoë;café","score":1e-07}',
        '{"PARTNER_ID":"AC0000000003","homeAddress.postalCode":"02134","homeAddress.city":"San Francisco","age":42,"homeOwner":true,"birthDate":"1984-02-29","lastUpdated":"2026-11-28T09:15:00Z","interests":"golf;wine","score":0.5}',
        '{"PARTNER_ID":"AC0000000006","homeAddress.postalCode":"02134","homeAddress.city":"Los Angeles","age":55,"homeOwner":true,"birthDate":"1970-12-31","lastUpdated":"2026-01-01T00:00:00.000001Z","interests":"golf","score":0.0}',
        '',
      ].join('\n'),
    );
  });

  it('writes Parquet with the typed columns, in partner id order, gzip inside the file', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { format: 'parquet', compression: 'gzip', nameTemplate: '%AUDIENCE_NAME%' });
    await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const file = exportsDir(m, 'partner-match', 'acme', 'west-coast-affluent.parquet');
    expect(fs.readFileSync(file).subarray(0, 4).toString()).toBe('PAR1');
    const r = await world.connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
    expect(r.columnNames()).toEqual(['PARTNER_ID', ...ATTRIBUTES]);
    expect(r.columnTypes().map(String)).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR', 'BIGINT', 'BOOLEAN', 'DATE', 'TIMESTAMP', 'VARCHAR', 'DOUBLE']);
    expect(r.getRowsJS().map((row) => row[0])).toEqual(['AC0000000001', 'AC0000000002', 'AC0000000003', 'AC0000000006']);
    const codecs = await world.connection.runAndReadAll(`SELECT DISTINCT compression FROM parquet_metadata('${file}')`);
    expect(codecs.getRowsJS().map((x) => x[0])).toEqual(['GZIP']);
  });
});

describe('export manifest and destinations', () => {
  it('records files, rows, bytes and checksums in exports/<activation>/run=<id>/manifest.json', async () => {
    const m = manifest();
    setActivation(m, 'acme-match-daily', { audiences: ['west-coast-affluent', 'homeowners-with-email'] });
    // homeowners-with-email was not segmented: asking for its snapshot fails before any file is written
    await expect(runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m))).rejects.toThrow(MissingSnapshotError);
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME, audiences: ['west-coast-affluent'], segmentationRunId: SEGMENT_RUN }, ctx(m));
    expect(out.manifestKey).toBe('exports/acme-match-daily/run=20261130T080000Z-west-coast-affluent/manifest.json');
    const stored = JSON.parse(fs.readFileSync(path.join(world.root, m.buckets.lake, out.manifestKey), 'utf8'));
    expect(stored).toMatchObject({
      version: 1,
      activation: 'acme-match-daily',
      runTime: '2026-11-30T08:00:00.000Z',
      destination: 'partner-match-s3',
      destinationType: 's3',
      location: `s3://${m.buckets.exports}/partner-match/acme/`,
      exportMode: 'full',
      format: 'csv',
      compression: 'gzip',
      columns: ['PARTNER_ID', ...ATTRIBUTES],
      identity: { namespace: 'partner-id', column: 'PARTNER_ID', field: 'partnerId' },
      dedupKeys: ['partner-id'],
      policyCheck: 'passed',
      totals: { files: 1, rows: 4 },
    });
    const f = stored.audiences[0].files[0];
    const bytes = fs.readFileSync(path.join(world.root, m.buckets.exports, f.path));
    expect(f.bytes).toBe(bytes.length);
    expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('uses the newest snapshot when no segmentation run is given, and names files by the export time', async () => {
    const m = manifest();
    setDestination(m, 'partner-match-s3', {}, { compression: 'none' });
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME }, ctx(m));
    expect(out.runId).toBe('20261130T093000Z');
    expect(out.audiences[0]).toMatchObject({ snapshotRunId: SEGMENT_RUN, rows: 4 });
    expect(out.audiences[0].files[0].name).toBe('partner-match-s3_west-coast-affluent_20261130_093000.csv');
  });

  it('writes an sftp destination of a local environment into <localRoot>/sftp/<destination>/', async () => {
    const m = testManifest(world.root);
    const out = await runExport({ activation: 'golf-to-media-partner', time: EXPORT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m));
    const id = audienceId('local', 'golf-enthusiasts-30-55');
    const name = `media-partner-sftp_${id}_${Math.floor(Date.parse('2026-11-30T08:00:00Z') / 1000)}.json`;
    expect(out.location).toBe(`file://${world.root}/sftp/media-partner-sftp/`);
    expect(fs.readFileSync(path.join(world.root, 'sftp', 'media-partner-sftp', name), 'utf8')).toBe(
      [
        '{"PARTNER_ID":"AC0000000003","age":42,"interests":"golf;wine","homeAddress.postalCode":"02134"}',
        '{"PARTNER_ID":"AC0000000004","age":50,"interests":"golf","homeAddress.postalCode":"10001"}',
        '{"PARTNER_ID":"AC0000000005","age":33,"interests":"golf","homeAddress.postalCode":"92101"}',
        '{"PARTNER_ID":"AC0000000006","age":55,"interests":"golf","homeAddress.postalCode":"02134"}',
        '',
      ].join('\n'),
    );
  });
});

describe('policies at run time', () => {
  it('refuses an activation an enabled policy denies, naming policy, label, field and action, and writes nothing', async () => {
    const m = manifest();
    setActivation(m, 'acme-match-daily', { attributes: [...ATTRIBUTES, 'person.lastName'] });
    const before = fs.existsSync(exportsDir(m)) ? fs.readdirSync(exportsDir(m), { recursive: true }).length : 0;
    const run = runExport({ activation: 'acme-match-daily', time: new Date('2026-12-24T00:00:00Z') }, ctx(m));
    await expect(run).rejects.toThrow(PolicyViolationError);
    await expect(runExport({ activation: 'acme-match-daily', time: new Date('2026-12-24T00:00:00Z') }, ctx(m))).rejects.toThrow(
      'policy "no-direct-identifiers-in-matching" denies label I1 on field "person.lastName" for marketing action "segmentMatch"',
    );
    const after = fs.existsSync(exportsDir(m)) ? fs.readdirSync(exportsDir(m), { recursive: true }).length : 0;
    expect(after).toBe(before);
  });

  it('refuses when a policy was enabled after deploy (the rule the validator enforces, applied again)', async () => {
    const m = manifest();
    (m.policies as Record<string, { enabled?: boolean }>)['no-third-party-cross-site'].enabled = true;
    await expect(runExport({ activation: 'acme-match-daily', time: EXPORT_TIME }, ctx(m))).rejects.toThrow(
      'policy "no-third-party-cross-site" denies label THIRD_PARTY on field "age" for marketing action "crossSiteTargeting"',
    );
  });
});

describe('names stay inside the destination', () => {
  const HOSTILE = ['../../../etc/passwd', '..', 'a/../../b', '/abs/olute', 'back\\slash', 'nul\u0000byte', '....//....//x', '.', '~root', 'x/..', '%2e%2e%2f'];
  const file = { format: 'csv' as const, compression: 'gzip' as const, nameTemplate: '%DESTINATION_NAME%/%AUDIENCE_NAME%_%AUDIENCE_ID%.csv' };

  it.each(HOSTILE)('a destination, audience and id named %j render to files inside the prefix', async (hostile) => {
    const m = manifest();
    const sink = new ObjectStoreSink(world.store, m.buckets.exports, 'partner-match/acme/');
    const base = path.resolve(world.root, m.buckets.exports, 'partner-match', 'acme') + path.sep;
    for (const name of exportFileNames(file, { destinationName: hostile, audienceName: hostile, audienceId: hostile, time: EXPORT_TIME }, 2)) {
      const key = await sink.write(name, Readable.from([Buffer.from('x')]));
      expect(key.startsWith('partner-match/acme/')).toBe(true);
      expect(path.resolve(world.root, m.buckets.exports, key).startsWith(base)).toBe(true);
    }
  });

  it.each(['../x.csv', '%AUDIENCE_NAME%/../../x', '/etc/%AUDIENCE_NAME%', 'a\\..\\b'])('refuses the template %j', (nameTemplate) => {
    expect(() => exportFileNames({ ...file, nameTemplate }, { destinationName: 'd', audienceName: 'a', audienceId: 'i', time: EXPORT_TIME }, 1)).toThrow(/nameTemplate/);
  });

  it.each(['../x', '/etc/x', 'a//b', 'a/./b', 'a/../b', 'a\\b', 'x\u0000', ''])('insideBase refuses %j under an S3 prefix and an SFTP path', (name) => {
    expect(() => insideBase('partner-match/acme/', name)).toThrow(NameOutsideDestinationError);
    expect(() => insideBase('/inbound/acme', name)).toThrow(NameOutsideDestinationError);
  });

  it('exports an audience whose name holds "/" and spaces (valid keys, hostile file names) inside the prefix', async () => {
    const m = manifest();
    const hostile = 'evil name/sub dir';
    (m.audiences as Record<string, unknown>)[hostile] = m.audiences['west-coast-affluent'];
    setActivation(m, 'acme-match-daily', { audiences: [hostile] });
    setDestination(m, 'partner-match-s3', {}, { compression: 'none', nameTemplate: '%AUDIENCE_NAME%.csv' });
    await runSegmentation(planSegmentation(m, [hostile]), new Date('2026-12-02T00:00:00Z'), { connection: world.connection, profileTable: () => 'profiles', store: world.store, lakeBucket: m.buckets.lake });
    const out = await runExport({ activation: 'acme-match-daily', time: EXPORT_TIME }, ctx(m));
    expect(out.audiences[0].files.map((f) => f.path)).toEqual(['partner-match/acme/evil_name_sub_dir.csv']);
  });
});
