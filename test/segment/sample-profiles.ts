// The example's profiles for segmentation and export tests, two ways:
// - loadSampleProfiles: built independently of runtime/ingest from the generator's files
//   (examples/generate-partner-files.ts): bad records dropped by the record numbers it reports,
//   merged on partner id (newest lastUpdated wins), loaded into a DuckDB table named by field
//   path with the runtime's types. Fast, and a cross-check of the ingestion path.
// - ingestSampleProfiles: the real path: the files are ingested by runtime/ingest and merged
//   by runtime/profiles.ts, as `prospect run` and the Lambda handlers do.

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CSV_COLUMNS, Expectations, generatePartnerFiles, JSON_KEYS, JSON_SOURCE, CSV_SOURCE, Prospect } from '../../examples/generate-partner-files';
import { ingestObject } from '../../runtime/ingest/ingest-object';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { buildRuntimeManifest, RuntimeManifest } from '../../runtime/manifest';
import { openProfiles, ProfileView } from '../../runtime/profiles';
import { validateSpecDir } from '../../specs/validate';

export const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'prospecting');

/** The example's runtime manifest for an environment (overrides applied). */
export function exampleManifest(env = 'local'): RuntimeManifest {
  const v = validateSpecDir(EXAMPLE_DIR, { env });
  if (!v.ok || !v.environment) throw new Error(`examples/prospecting does not validate: ${v.diagnostics.map((d) => d.message).join('; ')}`);
  return buildRuntimeManifest(v.specs, v.environment);
}

const SQL_TYPES: Record<keyof Prospect, string> = {
  partnerId: 'VARCHAR',
  'person.firstName': 'VARCHAR',
  'person.lastName': 'VARCHAR',
  'homeAddress.street': 'VARCHAR',
  'homeAddress.city': 'VARCHAR',
  'homeAddress.state': 'VARCHAR',
  'homeAddress.postalCode': 'VARCHAR',
  age: 'BIGINT',
  incomeBand: 'VARCHAR',
  interests: 'VARCHAR',
  hashedEmail: 'VARCHAR',
  phoneHashed: 'VARCHAR',
  householdSize: 'BIGINT',
  homeOwner: 'BOOLEAN',
  birthDate: 'DATE',
  lastUpdated: 'TIMESTAMP',
};

export interface SampleProfiles {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  readonly table: string;
  readonly expected: Expectations;
  readonly dir: string;
  close(): void;
}

function badRecords(e: Expectations, source: string): Set<number> {
  return new Set((e.files[source]?.badRows ?? []).map((b) => b.record));
}

/** Generates the default sample files (seed 42) and loads their merged profiles as table `profiles`. */
export async function loadSampleProfiles(options: { rows?: { csv: number; json: number } } = {}): Promise<SampleProfiles> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-sample-'));
  const expected = await generatePartnerFiles({ outDir: dir, ...(options.rows ? { rows: options.rows } : {}) });
  const byId = new Map<string, Record<string, unknown>>();
  const add = (r: Record<string, unknown>) => {
    const old = byId.get(r.partnerId as string);
    if (!old || Date.parse(r.lastUpdated as string) > Date.parse(old.lastUpdated as string)) byId.set(r.partnerId as string, r);
  };

  const csvBad = badRecords(expected, CSV_SOURCE);
  const csvRows = parse(fs.readFileSync(path.join(dir, expected.files[CSV_SOURCE].path)), { relax_column_count: true, from_line: 2 }) as string[][];
  csvRows.forEach((row, i) => {
    if (csvBad.has(i + 1)) return;
    const r: Record<string, unknown> = {};
    CSV_COLUMNS.forEach(([, field], c) => {
      const text = row[c];
      if (text === '' || text === undefined) return;
      const t = SQL_TYPES[field];
      r[field] = t === 'BIGINT' ? Number(text) : t === 'BOOLEAN' ? text === 'true' : text;
    });
    add(r);
  });

  const jsonBad = badRecords(expected, JSON_SOURCE);
  const lines = gunzipSync(fs.readFileSync(path.join(dir, expected.files[JSON_SOURCE].path))).toString('utf8').split('\n').filter((l) => l !== '');
  lines.forEach((line, i) => {
    if (jsonBad.has(i + 1)) return;
    const o = JSON.parse(line) as Record<string, unknown>;
    const r: Record<string, unknown> = {};
    for (const [key, field] of JSON_KEYS) if (o[key] !== undefined && o[key] !== null) r[field] = o[key];
    add(r);
  });

  const ndjson = path.join(dir, 'profiles.ndjson');
  fs.writeFileSync(ndjson, [...byId.values()].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  const columns = Object.entries(SQL_TYPES)
    .map(([f, t]) => `'${f}': '${t}'`)
    .join(', ');
  await connection.run(`CREATE TABLE profiles AS SELECT * FROM read_json('${ndjson}', format = 'newline_delimited', columns = {${columns}})`);
  return {
    instance,
    connection,
    table: 'profiles',
    expected,
    dir,
    close() {
      connection.closeSync();
      instance.closeSync();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface IngestedSample {
  readonly root: string;
  readonly store: LocalObjectStore;
  readonly manifest: RuntimeManifest;
  readonly expected: Expectations;
  readonly profiles: ProfileView;
  close(): void;
}

/**
 * The real path: the generator's two files land in the local landing bucket, runtime/ingest
 * ingests them, runtime/profiles.ts merges the profile table.
 */
export async function ingestSampleProfiles(now = new Date('2026-11-30T07:00:00Z')): Promise<IngestedSample> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-ingested-'));
  const base = exampleManifest('local');
  const manifest = { ...base, environment: { ...base.environment, localRoot: root } } as RuntimeManifest;
  const store = new LocalObjectStore(root);
  const landing = manifest.buckets.landing;
  const csvDir = path.join(root, landing, manifest.sources[CSV_SOURCE].landingPrefix);
  const jsonDir = path.join(root, landing, manifest.sources[JSON_SOURCE].landingPrefix);
  const expected = await generatePartnerFiles({ outDir: path.join(root, 'generated'), csvDir, jsonDir });
  let minute = 0;
  for (const source of [CSV_SOURCE, JSON_SOURCE]) {
    const prefix = manifest.sources[source].landingPrefix;
    for (const o of await store.list(landing, prefix)) {
      const at = new Date(now.getTime() + 60_000 * minute++);
      await ingestObject({ store, manifest, source, object: { bucket: landing, key: o.key }, now: () => at });
    }
  }
  const profiles = await openProfiles(store, manifest, 'acme-prospects', { now });
  await profiles.connection.run(`SET TimeZone = 'UTC'`);
  return {
    root,
    store,
    manifest,
    expected,
    profiles,
    close() {
      profiles.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
