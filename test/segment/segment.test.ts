import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate, parseRule } from '../../audience-rules';
import { audienceSnapshotKey } from '../../runtime/layout';
import { LocalObjectStore } from '../../runtime/local-object-store';
import {
  evaluateMemberships,
  latestSnapshot,
  MissingProfileColumnError,
  planSegmentation,
  previewAudience,
  runSegmentation,
  segmentationFinishedDetails,
  segmentationFinishedEntries,
  UnknownAudienceError,
} from '../../runtime/segment';
import { exampleManifest, loadSampleProfiles, SampleProfiles } from './sample-profiles';

const manifest = exampleManifest('local');
const AUDIENCES = ['golf-enthusiasts-30-55', 'homeowners-with-email', 'west-coast-affluent'];
const RUN_TIME = new Date('2026-11-30T08:00:00.000Z');

let sample: SampleProfiles;
let root: string;
let store: LocalObjectStore;
const lake = manifest.buckets.lake;

beforeAll(async () => {
  sample = await loadSampleProfiles();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-segment-test-'));
  store = new LocalObjectStore(root);
});
afterAll(() => {
  sample.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function parquetIds(file: string): Promise<string[]> {
  const r = await sample.connection.runAndReadAll(`SELECT * FROM read_parquet('${file}', hive_partitioning = false)`);
  expect(r.columnNames()).toEqual(['partnerId']);
  return r.getRowsJS().map((row) => String(row[0]));
}

describe('runSegmentation on the example', () => {
  it('gives the three audiences the sizes the generator expects, in one run', async () => {
    const plan = planSegmentation(manifest, AUDIENCES);
    expect(plan).toHaveLength(1);
    const result = await runSegmentation(plan, RUN_TIME, { connection: sample.connection, profileTable: () => sample.table, store, lakeBucket: lake });
    expect(result.runId).toBe('20261130T080000Z');
    const sizes = Object.fromEntries(result.snapshots.map((s) => [s.audience, s.count]));
    expect(sizes).toEqual(sample.expected.audiences);
    for (const s of result.snapshots) expect(s.profiles).toBe(sample.expected.profiles);
  });

  it('writes members.parquet (identity only, sorted) and snapshot.json per audience and run', async () => {
    const snap = await latestSnapshot(store, lake, 'west-coast-affluent');
    expect(snap).toMatchObject({
      audience: 'west-coast-affluent',
      dataset: 'acme-prospects',
      runId: '20261130T080000Z',
      runTime: '2026-11-30T08:00:00.000Z',
      rule: 'homeAddress.state in ["CA", "OR", "WA"] and incomeBand in ["A", "B"]',
      count: sample.expected.audiences['west-coast-affluent'],
      profiles: sample.expected.profiles,
      identityField: 'partnerId',
      membersKey: 'audiences/west-coast-affluent/run=20261130T080000Z/members.parquet',
      engine: 'duckdb',
    });
    const ids = await parquetIds(store.pathOf(lake, snap!.membersKey));
    expect(ids).toHaveLength(snap!.count);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('selects exactly the profiles the reference evaluator accepts', async () => {
    const rows = (await sample.connection.runAndReadAll(`SELECT * FROM profiles`)).getRowObjectsJS();
    for (const name of AUDIENCES) {
      const parsed = parseRule(manifest.audiences[name].rule);
      if (!parsed.ok) throw new Error('rule does not parse');
      const want = rows.filter((r) => evaluate(parsed.rule, r)).map((r) => String(r.partnerId)).sort();
      const ids = await parquetIds(store.pathOf(lake, audienceSnapshotKey(name, '20261130T080000Z', 'members.parquet')));
      expect(ids).toEqual(want);
    }
  });

  it('finds the same members evaluating one audience alone as evaluating all three together', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-seg-work-'));
    try {
      fs.mkdirSync(path.join(work, 'together'));
      const [all] = planSegmentation(manifest, AUDIENCES);
      const together = await evaluateMemberships(sample.connection, 'profiles', all, path.join(work, 'together'));
      for (const [i, name] of AUDIENCES.entries()) {
        const dir = path.join(work, name);
        fs.mkdirSync(dir);
        const [one] = planSegmentation(manifest, [name]);
        const alone = await evaluateMemberships(sample.connection, 'profiles', one, dir);
        expect(alone.audiences[0].count).toBe(together.audiences[i].count);
        expect(await parquetIds(alone.audiences[0].file)).toEqual(await parquetIds(together.audiences[i].file));
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('is deterministic: the same run time writes the same keys and the same members', async () => {
    const key = audienceSnapshotKey('golf-enthusiasts-30-55', '20261130T080000Z', 'members.parquet');
    const before = await parquetIds(store.pathOf(lake, key));
    await runSegmentation(planSegmentation(manifest, AUDIENCES), RUN_TIME, { connection: sample.connection, profileTable: () => 'profiles', store, lakeBucket: lake });
    expect(await parquetIds(store.pathOf(lake, key))).toEqual(before);
    const runs = (await store.list(lake, 'audiences/golf-enthusiasts-30-55/')).map((o) => o.key);
    expect(runs).toEqual([
      'audiences/golf-enthusiasts-30-55/run=20261130T080000Z/members.parquet',
      'audiences/golf-enthusiasts-30-55/run=20261130T080000Z/snapshot.json',
    ]);
  });

  it('announces one "Segmentation Finished" detail per audience, matching what activation rules read', async () => {
    const result = await runSegmentation(planSegmentation(manifest, ['west-coast-affluent']), new Date('2026-12-01T08:00:00Z'), {
      connection: sample.connection,
      profileTable: () => 'profiles',
      store,
      lakeBucket: lake,
    });
    expect(segmentationFinishedDetails('local', result)).toEqual([
      {
        environment: 'local',
        audience: 'west-coast-affluent',
        runId: '20261201T080000Z',
        dataset: 'acme-prospects',
        count: sample.expected.audiences['west-coast-affluent'],
        snapshotKey: 'audiences/west-coast-affluent/run=20261201T080000Z/snapshot.json',
        audiences: ['west-coast-affluent'],
      },
    ]);
    const [entry] = segmentationFinishedEntries('local', result);
    expect(entry).toMatchObject({ Source: 'prospect.segmentation', DetailType: 'Segmentation Finished', EventBusName: 'default' });
    expect((await latestSnapshot(store, lake, 'west-coast-affluent'))!.runId).toBe('20261201T080000Z');
  });
});

describe('many audiences in one pass', () => {
  it('keeps 130 audiences apart across membership bit columns (62 per column)', async () => {
    const audiences = Object.fromEntries(Array.from({ length: 130 }, (_, k) => [`age-${String(k).padStart(3, '0')}`, { dataset: 'acme-prospects', rule: `age >= ${18 + (k % 80)}`, schedule: '0 8 * * *' }]));
    const m = { ...manifest, audiences };
    const [plan] = planSegmentation(m, Object.keys(audiences));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-seg-many-'));
    try {
      const result = await evaluateMemberships(sample.connection, 'profiles', plan, work);
      const want = (await sample.connection.runAndReadAll(`SELECT k, (SELECT count(*) FROM profiles WHERE age >= 18 + k % 80) FROM range(130) t(k) ORDER BY k`)).getRowsJS().map((r) => Number(r[1]));
      expect(result.audiences.map((a) => a.count)).toEqual(want);
      expect(await parquetIds(result.audiences[129].file)).toEqual(
        (await sample.connection.runAndReadAll(`SELECT "partnerId" FROM profiles WHERE age >= 67 ORDER BY 1`)).getRowsJS().map((r) => String(r[0])),
      );
      expect(await parquetIds(result.audiences[70].file)).toEqual((await sample.connection.runAndReadAll(`SELECT "partnerId" FROM profiles WHERE age >= 88 ORDER BY 1`)).getRowsJS().map((r) => String(r[0])));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('segmentation errors', () => {
  it('names an unknown audience and lists the known ones', () => {
    expect(() => planSegmentation(manifest, ['west-coast'])).toThrow(UnknownAudienceError);
    expect(() => planSegmentation(manifest, ['west-coast'])).toThrow(/known audiences are golf-enthusiasts-30-55, homeowners-with-email, west-coast-affluent/);
  });

  it('names every field the profile table lacks', async () => {
    await sample.connection.run(`CREATE OR REPLACE TABLE thin AS SELECT "partnerId", age FROM profiles`);
    const [plan] = planSegmentation(manifest, AUDIENCES);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-seg-work-'));
    try {
      await expect(evaluateMemberships(sample.connection, 'thin', plan, work)).rejects.toThrow(MissingProfileColumnError);
      await expect(evaluateMemberships(sample.connection, 'thin', plan, work)).rejects.toThrow('"hashedEmail", "homeAddress.state", "homeOwner", "incomeBand", "interests"');
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('previewAudience', () => {
  it('gives the size and the first members by partner id, with the fields the rule reads', async () => {
    const p = await previewAudience(sample.connection, manifest, 'golf-enthusiasts-30-55', () => 'profiles', { sampleSize: 3 });
    expect(p.size).toBe(sample.expected.audiences['golf-enthusiasts-30-55']);
    expect(p.profiles).toBe(sample.expected.profiles);
    expect(p.columns).toEqual(['partnerId', 'age', 'interests']);
    const first = (await sample.connection.runAndReadAll(`SELECT "partnerId", CAST(age AS VARCHAR) a, interests FROM profiles WHERE age BETWEEN 30 AND 55 AND strpos(interests, 'golf') > 0 ORDER BY 1 LIMIT 3`)).getRowsJS();
    expect(p.sample).toEqual(first.map(([id, age, interests]) => ({ partnerId: id, age, interests })));
  });
});
