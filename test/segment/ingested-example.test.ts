// The example end to end on the real ingestion path: generated partner files -> runtime/ingest ->
// runtime/profiles.ts -> segmentation.

import { evaluate, parseRule } from '../../audience-rules';
import { planSegmentation, runSegmentation, SegmentationResult } from '../../runtime/segment';
import { ingestSampleProfiles, IngestedSample } from './sample-profiles';

let s: IngestedSample;
let result: SegmentationResult;
beforeAll(async () => {
  s = await ingestSampleProfiles();
  result = await runSegmentation(planSegmentation(s.manifest, Object.keys(s.manifest.audiences)), new Date('2026-11-30T08:00:00Z'), {
    connection: s.profiles.connection,
    profileTable: () => s.profiles.table,
    store: s.store,
    lakeBucket: s.manifest.buckets.lake,
  });
}, 120_000);
afterAll(() => s?.close());

it('merges the ingested files into the expected number of profiles', () => {
  expect(s.profiles.count).toBe(s.expected.profiles);
  for (const snap of result.snapshots) expect(snap.profiles).toBe(s.expected.profiles);
});

it('gives each audience exactly the profiles the reference evaluator accepts over the ingested profile table', async () => {
  const rows = (await s.profiles.connection.runAndReadAll(`SELECT * FROM "${s.profiles.table}"`)).getRowObjectsJS();
  for (const snap of result.snapshots) {
    const parsed = parseRule(snap.rule);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(snap.count).toBe(rows.filter((r) => evaluate(parsed.rule, r)).length);
  }
});

it("gives the three audiences the sizes in the generator's expected.json", () => {
  expect(Object.fromEntries(result.snapshots.map((x) => [x.audience, x.count]))).toEqual(s.expected.audiences);
});
