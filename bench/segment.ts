// Segmentation throughput: profiles per second for 1,000,000 and 5,000,000 generated profiles,
// one audience and twenty, against hand-written DuckDB SQL for the same audience in the same run.
//
//   npx tsc -p tsconfig.json && node dist/bench/segment.js [--sizes 1000000,5000000] [--repeat 3] [--threads N]
//
// Profiles are generated inside DuckDB (range() and hash-based columns, same types and column
// names as the profile view). Each variant runs once to warm up, then `--repeat` times; the
// median is reported. "hand-written" is the query an engineer would write for
// west-coast-affluent: COPY (SELECT id WHERE state IN (..) AND band IN (..) ORDER BY id) to
// Parquet. "1 audience" and "20 audiences" are evaluateMemberships (what runSegmentation runs
// before the upload; the profile count is passed in, as openProfiles gives it), writing the same
// Parquet files. Aims: 1 audience <= 1.2x hand-written,
// 20 audiences <= 3x 1 audience.

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildRuntimeManifest, RuntimeManifest } from '../runtime/manifest';
import { evaluateMemberships, planSegmentation } from '../runtime/segment';
import { validateSpecDir } from '../specs/validate';

const STATES = ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'];
const INTERESTS = ['golf', 'travel', 'cooking', 'wine', 'running', 'cycling', 'fishing', 'gardening', 'photography', 'tennis', 'yoga', 'skiing'];

/** Seventeen more rules over the example schema, mixing every operator, to make twenty with the example's three. */
const EXTRA_RULES = [
  'homeAddress.state = "TX" and age >= 40',
  'incomeBand in ["A"] and homeOwner = true',
  'age between 25 and 34 and interests contains "travel"',
  'not incomeBand = "F" and householdSize >= 4',
  'hashedEmail exists and phoneHashed exists',
  'homeAddress.state in ["NY", "NJ", "CT"] and incomeBand in ["A", "B", "C"]',
  'interests contains "wine" or interests contains "cooking"',
  'birthDate < date("1970-01-01") and homeOwner = true',
  'homeAddress.postalCode startsWith "9" and age > 50',
  'lastUpdated >= datetime("2026-11-01T00:00:00Z")',
  'homeAddress.state = "FL" and age >= 60 and not homeOwner = false',
  'incomeBand not in ["E", "F"] and interests contains "golf"',
  'householdSize = 1 and age < 35',
  'homeAddress.state in ["WA", "OR"] and interests contains "skiing"',
  'phoneHashed not exists and hashedEmail exists',
  'age between 45 and 64 and (incomeBand = "A" or incomeBand = "B") and homeOwner = true',
  'interests endsWith "yoga" or interests startsWith "running"',
];

function exampleManifest(): RuntimeManifest {
  const dir = path.join(__dirname, '..', '..', 'examples', 'prospecting');
  const v = validateSpecDir(fs.existsSync(dir) ? dir : path.join(process.cwd(), 'examples', 'prospecting'), { env: 'local' });
  if (!v.ok || !v.environment) throw new Error('examples/prospecting does not validate');
  const m = buildRuntimeManifest(v.specs, v.environment);
  const audiences = { ...m.audiences } as Record<string, (typeof m.audiences)[string]>;
  EXTRA_RULES.forEach((rule, i) => (audiences[`bench-${String(i + 1).padStart(2, '0')}`] = { dataset: 'acme-prospects', rule, schedule: '0 8 * * *' }));
  return { ...m, audiences };
}

const list = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

async function generate(c: DuckDBConnection, n: number): Promise<void> {
  // h(k) = a hash of the row number and a salt: independent-looking columns, same data every run.
  const h = (salt: number) => `CAST(hash(i, ${salt}) % 2147483647 AS BIGINT)`;
  await c.run(`CREATE OR REPLACE TABLE profiles AS
    SELECT
      'AC' || lpad(CAST(i AS VARCHAR), 10, '0') AS "partnerId",
      ${list(STATES)}[1 + ${h(1)} % ${STATES.length}] AS "homeAddress.state",
      lpad(CAST(${h(2)} % 100000 AS VARCHAR), 5, '0') AS "homeAddress.postalCode",
      CASE WHEN ${h(3)} % 20 = 0 THEN NULL ELSE CAST(18 + ${h(4)} % 80 AS BIGINT) END AS age,
      CASE WHEN ${h(5)} % 12 = 0 THEN NULL ELSE ['A', 'B', 'B', 'C', 'C', 'C', 'D', 'D', 'D', 'E', 'E', 'F'][1 + ${h(6)} % 12] END AS "incomeBand",
      CASE WHEN ${h(7)} % 10 = 0 THEN NULL ELSE ${list(INTERESTS)}[1 + ${h(8)} % ${INTERESTS.length}] || ';' || ${list(INTERESTS)}[1 + ${h(9)} % ${INTERESTS.length}] END AS interests,
      CASE WHEN ${h(10)} % 4 = 0 THEN NULL ELSE sha256(CAST(i AS VARCHAR)) END AS "hashedEmail",
      CASE WHEN ${h(11)} % 10 < 3 THEN NULL ELSE sha256(CAST(i * 7 AS VARCHAR)) END AS "phoneHashed",
      CAST(1 + ${h(12)} % 8 AS BIGINT) AS "householdSize",
      CASE WHEN ${h(13)} % 20 = 0 THEN NULL ELSE ${h(14)} % 10 < 6 END AS "homeOwner",
      DATE '1930-01-01' + CAST(${h(15)} % 27000 AS INTEGER) AS "birthDate",
      TIMESTAMP '2026-10-01 00:00:00' + to_seconds(CAST(${h(16)} % 5184000 AS BIGINT)) AS "lastUpdated"
    FROM range(${n}) t(i)`);
}

async function timed(fn: () => Promise<unknown>, repeat: number): Promise<number> {
  await fn(); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    await fn();
    runs.push((performance.now() - t) / 1000);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
  const sizes = arg('--sizes', '1000000,5000000').split(',').map(Number);
  const repeat = Number(arg('--repeat', '3'));
  const threads = arg('--threads', '');
  const manifest = exampleManifest();
  const names = Object.keys(manifest.audiences).sort();
  if (names.length !== 20) throw new Error(`expected 20 audiences, have ${names.length}`);
  const [one] = planSegmentation(manifest, ['west-coast-affluent']);
  const [twenty] = planSegmentation(manifest, names);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-segment-'));
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: path.join(work, 'spill'), ...(threads ? { threads } : {}) });
  const c = await instance.connect();
  await c.run(`SET TimeZone = 'UTC'`);
  const settings = (await c.runAndReadAll(`SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m`)).getRowObjectsJS()[0];
  const handFile = path.join(work, 'hand.parquet');
  const hand = `COPY (SELECT "partnerId" FROM profiles WHERE "homeAddress.state" IN ('CA', 'OR', 'WA') AND "incomeBand" IN ('A', 'B') ORDER BY 1) TO '${handFile}' (FORMAT parquet)`;

  console.log(`segmentation benchmark: DuckDB ${(await c.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0].v}, threads ${settings.t}, memory_limit ${settings.m}, ${os.cpus().length} CPUs, median of ${repeat} after a warm-up`);
  console.log('profiles   | variant                    | seconds | profiles/s  | ratio');
  console.log('-----------|----------------------------|---------|-------------|---------------------------');
  const results: Record<string, unknown>[] = [];
  for (const n of sizes) {
    const t0 = performance.now();
    await generate(c, n);
    const genSeconds = (performance.now() - t0) / 1000;
    const handCount = Number((await c.run(hand)).rowsChanged);
    const check = await evaluateMemberships(c, 'profiles', one, work, { profiles: n });
    if (check.audiences[0].count !== handCount) throw new Error(`hand-written SQL found ${handCount} members, segmentation ${check.audiences[0].count}`);

    const tHand = await timed(() => c.run(hand), repeat);
    const tOne = await timed(() => evaluateMemberships(c, 'profiles', one, work, { profiles: n }), repeat);
    const tTwenty = await timed(() => evaluateMemberships(c, 'profiles', twenty, work, { profiles: n }), repeat);
    // Context: the twenty audiences as twenty hand-written queries (compiled rules, one COPY each).
    const handTwenty = twenty.audiences.map((a, i) => `COPY (SELECT "partnerId" FROM profiles WHERE ${a.predicateSql} ORDER BY 1) TO '${path.join(work, `hand-${i}.parquet`)}' (FORMAT parquet)`);
    const tHandTwenty = await timed(async () => {
      for (const q of handTwenty) await c.run(q);
    }, repeat);
    const row = (variant: string, s: number, ratio: string) =>
      console.log(`${String(n).padStart(10)} | ${variant.padEnd(26)} | ${s.toFixed(3).padStart(7)} | ${Math.round(n / s).toLocaleString('en-US').padStart(11)} | ${ratio}`);
    row('hand-written SQL (1)', tHand, '');
    row('segmentation, 1 audience', tOne, `${(tOne / tHand).toFixed(2)}x hand-written (aim <= 1.2x)`);
    row('segmentation, 20 audiences', tTwenty, `${(tTwenty / tOne).toFixed(2)}x 1 audience (aim <= 3x)`);
    row('20 separate queries (20)', tHandTwenty, `segmentation of 20 takes ${(tTwenty / tHandTwenty).toFixed(2)}x this`);
    results.push({ profiles: n, generateSeconds: genSeconds, members: handCount, handSeconds: tHand, oneSeconds: tOne, twentySeconds: tTwenty, twentySeparateSeconds: tHandTwenty, oneVsHand: tOne / tHand, twentyVsOne: tTwenty / tOne });
  }
  console.log(JSON.stringify({ results }));
  c.closeSync();
  instance.closeSync();
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(`bench/segment: ${(e as Error).message}`);
  process.exitCode = 1;
});
