// The segment handler with `segmentation.engine: athena`: the statements go through the real
// AthenaClient to a local Athena-protocol server, which runs them in DuckDB over a table laid out
// like the Glue table. The same event gives the same counts, snapshots and "Segmentation
// Finished" events as the DuckDB path, and the statements are the generated ones.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { handleSegmentEvent } from '../../handlers/segment';
import { AthenaQueryRunner } from '../../runtime/athena';
import { jsonLogger } from '../../runtime/log';
import type { RuntimeManifest } from '../../runtime/manifest';
import { athenaColumn, athenaCountsSql, athenaProfileSource, athenaSegmentationSql, audienceSetTag, planSegmentation, PutEventsEntry, readSnapshot } from '../../runtime/segment';
import { AthenaServer, startAthenaServer } from '../support/athena-server';
import { createGlueTable, duckDbAthena } from '../segment/athena-on-duckdb';
import { ingestSampleProfiles, IngestedSample } from '../segment/sample-profiles';

const NOW = new Date('2026-11-30T08:00:27Z');
const RUN = '20261130T080000Z';
let s: IngestedSample;
let server: AthenaServer;
let athenaManifest: RuntimeManifest;

beforeAll(async () => {
  s = await ingestSampleProfiles();
  athenaManifest = { ...s.manifest, environment: { ...s.manifest.environment, segmentationEngine: 'athena' } };
  await createGlueTable(s.profiles.connection, s.store, s.manifest, 'acme-prospects', NOW);
  server = await startAthenaServer(duckDbAthena(s.profiles.connection, s.store));
}, 120_000);
afterAll(async () => {
  await server?.close();
  s?.close();
});

function deps(manifest: RuntimeManifest, athena?: AthenaQueryRunner) {
  const lines: Record<string, unknown>[] = [];
  const published: PutEventsEntry[][] = [];
  return {
    lines,
    published,
    deps: { store: s.store, manifest, log: jsonLogger({ function: 'segment' }, (l) => lines.push(JSON.parse(l))), publish: async (e: readonly PutEventsEntry[]) => void published.push([...e]), now: NOW, athena },
  };
}
const runner = () => new AthenaQueryRunner({ client: server.client(), workGroup: 'prospect-local', database: athenaManifest.environment.glueDatabase, sleep: async () => undefined });

describe('handleSegmentEvent on Athena', () => {
  it('runs the generated CTAS, counts and UNLOADs, and announces what the DuckDB path announces', async () => {
    const duck = deps(s.manifest);
    const duckOut = await handleSegmentEvent({}, duck.deps);
    const before = server.started.length;
    const ath = deps(athenaManifest, runner());
    const out = await handleSegmentEvent({}, ath.deps);

    expect(out).toEqual(duckOut);
    expect(out.audiences).toEqual({ 'golf-enthusiasts-30-55': s.expected.audiences['golf-enthusiasts-30-55'], 'west-coast-affluent': s.expected.audiences['west-coast-affluent'] });
    expect(ath.published).toEqual(duck.published);

    const plan = planSegmentation(athenaManifest, ['golf-enthusiasts-30-55', 'west-coast-affluent'], { column: athenaColumn })[0];
    const src = await athenaProfileSource(s.store, athenaManifest, 'acme-prospects', NOW);
    const seg = athenaSegmentationSql(plan, src, athenaManifest.buckets.lake, RUN, audienceSetTag(plan));
    const sent = server.started.slice(before);
    expect(sent.map((q) => q.sql)).toEqual([seg.ctas.sql, athenaCountsSql(seg, src), ...seg.unloads.map((u) => u.sql)]);
    expect(sent.every((q) => q.workGroup === 'prospect-local')).toBe(true);
    expect(sent.every((q) => JSON.stringify(q.context) === JSON.stringify({ Database: athenaManifest.environment.glueDatabase, Catalog: 'AwsDataCatalog' }))).toBe(true);

    const snap = (await readSnapshot(s.store, athenaManifest.buckets.lake, 'west-coast-affluent', RUN))!;
    expect(snap).toMatchObject({ engine: 'athena', count: out.audiences['west-coast-affluent'], profiles: s.expected.profiles, membersKey: `audiences/west-coast-affluent/run=${RUN}/members/`, athena: { database: seg.database, table: seg.membershipTable, column: 1 } });
    const dir = path.dirname(s.store.pathOf(athenaManifest.buckets.lake, `${snap.membersKey}part-00000.parquet`));
    const members = (await s.profiles.connection.runAndReadAll(`SELECT "partnerId" FROM read_parquet('${dir}/*.parquet')`)).getRowsJS().map((r) => r[0]);
    const native = planSegmentation(s.manifest, ['west-coast-affluent'])[0].audiences[0].predicateSql;
    expect(members).toEqual((await s.profiles.connection.runAndReadAll(`SELECT "partnerId" FROM ${s.profiles.table} WHERE ${native} ORDER BY 1`)).getRowsJS().map((r) => r[0]));
    expect(fs.readdirSync(dir)).toEqual(['part-00000.parquet']);
    expect(ath.lines.map((l) => l.message)).toEqual(['profiles opened', 'audience segmented', 'audience segmented', 'segmentation finished']);
    expect(ath.lines.some((l) => l.level === 'warn')).toBe(false);
  });

  it('gives each scheduled audience of one run time its own membership table, and a retry reuses the queries', async () => {
    const a = await handleSegmentEvent({ audience: 'homeowners-with-email' }, deps(athenaManifest, runner()).deps);
    const b = await handleSegmentEvent({ audience: 'golf-enthusiasts-30-55' }, deps(athenaManifest, runner()).deps);
    expect(a.audiences).toEqual({ 'homeowners-with-email': s.expected.audiences['homeowners-with-email'] });
    expect(b.audiences).toEqual({ 'golf-enthusiasts-30-55': s.expected.audiences['golf-enthusiasts-30-55'] });
    const tables = [a, b].map((_r, i) => (i === 0 ? 'homeowners-with-email' : 'golf-enthusiasts-30-55')).map(async (n) => (await readSnapshot(s.store, athenaManifest.buckets.lake, n, RUN))!.athena!.table);
    const [ta, tb] = await Promise.all(tables);
    expect(ta).not.toBe(tb);
    const started = server.started.length;
    expect(await handleSegmentEvent({ audience: 'golf-enthusiasts-30-55' }, deps(athenaManifest, runner()).deps)).toEqual(b);
    expect(server.started.length).toBe(started);
  });

  it('segments in DuckDB, with a warning, when the engine is athena but no workgroup is set', async () => {
    const d = deps(athenaManifest);
    const out = await handleSegmentEvent({ audience: 'golf-enthusiasts-30-55' }, d.deps);
    expect(out.audiences['golf-enthusiasts-30-55']).toBe(s.expected.audiences['golf-enthusiasts-30-55']);
    expect(d.lines[0]).toMatchObject({ level: 'warn', message: 'segmentation.engine is athena but PROSPECT_ATHENA_WORKGROUP is not set: segmenting in DuckDB; apply the stack to set it' });
  });
});
