// `prospect run` after ingestion, on the example: real ingestion into a temporary localRoot, then
// runLocalAudiences segments every audience and exports both activations to the local
// destination folders (the S3 one as a folder of the exports bucket, the SFTP one as
// <localRoot>/sftp/media-partner-sftp/).

import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CSV_SOURCE, Expectations, generatePartnerFiles, JSON_SOURCE } from '../../examples/generate-partner-files';
import { localSftpFolder } from '../../runtime/layout';
import type { RuntimeManifest } from '../../runtime/manifest';
import { runLocalIngest } from '../../runtime/run-local';
import { LocalAudienceRun, previewEnvironmentAudience, runLocalAudiences } from '../../runtime/run-local-audiences';
import { exampleManifest } from '../segment/sample-profiles';

let root: string;
let manifest: RuntimeManifest;
let expected: Expectations;
let run: LocalAudienceRun;
const TIME = new Date('2026-12-03T08:00:00Z');

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-run-'));
  const base = exampleManifest('local');
  manifest = { ...base, environment: { ...base.environment, localRoot: root } } as RuntimeManifest;
  expected = await generatePartnerFiles({
    outDir: path.join(root, 'generated'),
    csvDir: path.join(root, manifest.buckets.landing, manifest.sources[CSV_SOURCE].landingPrefix),
    jsonDir: path.join(root, localSftpFolder(JSON_SOURCE)),
  });
  await runLocalIngest({ specDir: root, manifest });
  run = await runLocalAudiences({ manifest, specDir: root, time: TIME });
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('reports the profiles and one snapshot per audience', () => {
  expect(run.runId).toBe('20261203T080000Z');
  expect(run.datasets).toEqual([{ dataset: 'acme-prospects', profiles: expected.profiles }]);
  expect(run.audiences.map((a) => a.name)).toEqual(['golf-enthusiasts-30-55', 'homeowners-with-email', 'west-coast-affluent']);
  expect(run.finished.map((f) => [f.audience, f.count])).toEqual(run.audiences.map((a) => [a.name, a.size]));
});

it('exports acme-match-daily after segmentation as gzipped CSV, one file per audience with every member', () => {
  const e = run.exports.find((x) => x.activation === 'acme-match-daily')!;
  expect(e).toMatchObject({ status: 'exported', trigger: 'after-segmentation', manifestKey: 'exports/acme-match-daily/run=20261203T080000Z/manifest.json' });
  expect(e.files!.map((f) => f.path)).toEqual([
    'partner-match/acme/partner-match-s3_west-coast-affluent_20261203_080000.csv.gz',
    'partner-match/acme/partner-match-s3_homeowners-with-email_20261203_080000.csv.gz',
  ]);
  for (const f of e.files!) {
    const text = gunzipSync(fs.readFileSync(path.join(root, manifest.buckets.exports, f.path))).toString('utf8');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const size = run.audiences.find((a) => a.name === f.audience)!.size;
    expect(rows).toHaveLength(size);
    expect(f.rows).toBe(size);
    expect(Object.keys(rows[0])).toEqual(['PARTNER_ID', 'hashedEmail', 'homeAddress.postalCode', 'homeAddress.state', 'incomeBand']);
    expect(rows.every((r) => /^AC[0-9]{10}$/.test(r.PARTNER_ID) && /^[0-9]{5}$/.test(r['homeAddress.postalCode']))).toBe(true);
    if (f.audience === 'west-coast-affluent') expect(rows.every((r) => ['CA', 'OR', 'WA'].includes(r['homeAddress.state']) && ['A', 'B'].includes(r.incomeBand))).toBe(true);
  }
});

it('exports golf-to-media-partner (scheduled) as JSON lines into the local SFTP folder', () => {
  const e = run.exports.find((x) => x.activation === 'golf-to-media-partner')!;
  expect(e).toMatchObject({ status: 'exported', trigger: 'scheduled', location: `file://${root}/sftp/media-partner-sftp/` });
  const [f] = e.files!;
  const lines = fs.readFileSync(path.join(root, 'sftp', f.path), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(run.audiences.find((a) => a.name === 'golf-enthusiasts-30-55')!.size);
  expect(lines.every((l) => typeof l.age === 'number' && l.age >= 30 && l.age <= 55 && l.interests.includes('golf'))).toBe(true);
});

it('writes the same files again on a second run at the same time', async () => {
  const file = path.join(root, manifest.buckets.exports, run.exports[0].files![0].path);
  const before = fs.readFileSync(file);
  const again = await runLocalAudiences({ manifest, specDir: root, time: TIME });
  expect(again.exports).toEqual(run.exports);
  expect(fs.readFileSync(file)).toEqual(before);
});

it('skips an activation outside its date window', async () => {
  const later = await runLocalAudiences({ manifest, specDir: root, time: new Date('2028-01-01T00:00:00Z') });
  expect(later.exports.find((x) => x.activation === 'golf-to-media-partner')).toEqual({
    activation: 'golf-to-media-partner',
    status: 'skipped',
    trigger: 'scheduled',
    reason: 'outside its window 2026-01-05..2027-12-31',
  });
});

it('previews an audience over the same profiles', async () => {
  const p = await previewEnvironmentAudience({ manifest, specDir: root, audience: 'west-coast-affluent', sampleSize: 5, time: TIME });
  expect(p.size).toBe(run.audiences.find((a) => a.name === 'west-coast-affluent')!.size);
  expect(p.sample).toHaveLength(5);
  expect(p.columns).toEqual(['partnerId', 'homeAddress.state', 'incomeBand']);
});
