// The export handler with `segmentation.engine: athena`: after Athena segmentation, each
// audience's rows are UNLOADed (through the real AthenaClient to a local Athena-protocol server
// that runs the statements in DuckDB) to the lake's staging prefix, and the destination's files
// are written from them: byte for byte the files the DuckDB path writes.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { handleExportEvent } from '../../handlers/export';
import { handleSegmentEvent } from '../../handlers/segment';
import { AthenaQueryRunner } from '../../runtime/athena';
import { athenaExportUnload, ExportManifest, planActivation } from '../../runtime/export';
import { LocalSecretStore } from '../../runtime/local-secret-store';
import { jsonLogger } from '../../runtime/log';
import type { RuntimeManifest } from '../../runtime/manifest';
import { getJson } from '../../runtime/object-store';
import { athenaProfileSource, readSnapshot } from '../../runtime/segment';
import { AthenaServer, startAthenaServer } from '../support/athena-server';
import { createGlueTable, duckDbAthena } from '../segment/athena-on-duckdb';
import { ingestSampleProfiles, IngestedSample } from '../segment/sample-profiles';

const RUN = '20261130T080000Z';
const NOW = new Date('2026-11-30T09:00:00Z');
let s: IngestedSample;
let server: AthenaServer;
let athena: RuntimeManifest;
const lines: Record<string, unknown>[] = [];
const log = jsonLogger({ function: 'test' }, (l) => lines.push(JSON.parse(l)));
const runner = () => new AthenaQueryRunner({ client: server.client(), workGroup: 'prospect-local', database: athena.environment.glueDatabase, sleep: async () => undefined });
const exportDeps = (manifest: RuntimeManifest, r?: AthenaQueryRunner) => ({ store: s.store, manifest, secrets: new LocalSecretStore(undefined, {}), log, now: NOW, athena: r });
const segment = (manifest: RuntimeManifest, r?: AthenaQueryRunner) =>
  handleSegmentEvent({ audiences: ['west-coast-affluent', 'homeowners-with-email', 'golf-enthusiasts-30-55'], time: '2026-11-30T08:00:00Z' }, { store: s.store, manifest, log, publish: async () => undefined, athena: r });

/** The files an export wrote, by name, with their SHA-256 (read back from the destination folder). */
async function written(manifestKey: string): Promise<Record<string, string>> {
  const m = (await getJson<ExportManifest>(s.store, s.manifest.buckets.lake, manifestKey))!;
  const out: Record<string, string> = {};
  for (const f of m.audiences.flatMap((a) => a.files)) out[f.name] = createHash('sha256').update(fs.readFileSync(path.join(s.root, s.manifest.buckets.exports, f.path))).digest('hex');
  return out;
}

beforeAll(async () => {
  s = await ingestSampleProfiles();
  athena = { ...s.manifest, environment: { ...s.manifest.environment, segmentationEngine: 'athena' } };
  await createGlueTable(s.profiles.connection, s.store, s.manifest, 'acme-prospects', NOW);
  server = await startAthenaServer(duckDbAthena(s.profiles.connection, s.store));
}, 120_000);
afterAll(async () => {
  await server?.close();
  s?.close();
});

describe('handleExportEvent on Athena', () => {
  it.each<[string, { activation: string; audience?: string; runId?: string }]>([
    ['one audience after segmentation', { activation: 'acme-match-daily', audience: 'homeowners-with-email', runId: RUN }],
    ['a scheduled full export', { activation: 'acme-match-daily' }],
  ])('%s: UNLOADs the generated statement and writes the same files as the DuckDB path', async (_name, event) => {
    await segment(s.manifest);
    const duck = await handleExportEvent(event, exportDeps(s.manifest));
    const duckFiles = await written((duck as { manifestKey: string }).manifestKey);

    await segment(athena, runner());
    const before = server.started.length;
    lines.length = 0;
    const out = await handleExportEvent(event, exportDeps(athena, runner()));
    expect(out).toEqual(duck);
    expect(await written((out as { manifestKey: string }).manifestKey)).toEqual(duckFiles);
    expect(Object.keys(duckFiles).length).toBeGreaterThan(0);
    const plan = planActivation(athena, 'acme-match-daily');
    const src = await athenaProfileSource(s.store, athena, plan.dataset, NOW);
    const audiences = event.audience ? [event.audience] : plan.audiences;
    expect(lines.map((l) => l.message)).toEqual([...audiences.map(() => 'audience exported'), 'export finished']);
    const runId = (out as { runId: string }).runId;
    const expected = [];
    for (const a of audiences) expected.push(athenaExportUnload(plan, (await readSnapshot(s.store, athena.buckets.lake, a, RUN))!, src, athena.buckets.lake, runId).sql);
    expect(server.started.slice(before).map((q) => q.sql)).toEqual(expected);
  });

  it('refuses, by name, a snapshot segmented in DuckDB', async () => {
    await segment(s.manifest);
    await expect(handleExportEvent({ activation: 'acme-match-daily', audience: 'homeowners-with-email', runId: RUN }, exportDeps(athena, runner()))).rejects.toMatchObject({ name: 'NotOnAthenaError' });
  });
});
