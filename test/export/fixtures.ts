// A handful of profiles with every awkward value an export must write exactly (quotes,
// delimiters, line breaks, empty strings, missing values, non-ASCII text, leading zeros,
// fractional datetimes, doubles), over the example's schema plus one number field, and helpers
// to reshape the example's runtime manifest per test.

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalObjectStore } from '../../runtime/local-object-store';
import type { RuntimeManifest } from '../../runtime/manifest';
import { planSegmentation, runSegmentation } from '../../runtime/segment';
import type { ActivationSpec, DestinationFile, DestinationSpec } from '../../specs/model';
import { exampleManifest } from '../segment/sample-profiles';

export const SEGMENT_TIME = new Date('2026-11-30T08:00:00Z');
export const SEGMENT_RUN = '20261130T080000Z';

/** Mutable deep copy of the example's manifest (env local), with `score` (number) added to the schema. */
export function testManifest(localRoot: string): RuntimeManifest {
  const m = structuredClone(exampleManifest('local')) as unknown as { environment: { localRoot: string }; schemas: Record<string, { allFields: Record<string, unknown>; fieldLabels: Record<string, string[]> }> };
  m.environment.localRoot = localRoot;
  const schema = m.schemas['acme-prospect-profile'];
  schema.allFields.score = { type: 'number' };
  schema.fieldLabels.score = ['THIRD_PARTY'];
  return m as unknown as RuntimeManifest;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function setActivation(m: RuntimeManifest, name: string, patch: Partial<ActivationSpec>): void {
  const acts = m.activations as Record<string, ActivationSpec>;
  acts[name] = { ...acts[name], ...patch };
}

export function setDestination(m: RuntimeManifest, name: string, patch: Partial<DestinationSpec>, file?: Partial<DestinationFile>): void {
  const dests = m.destinations as Record<string, Mutable<DestinationSpec>>;
  dests[name] = { ...dests[name], ...patch, file: { ...dests[name].file, ...(patch.file ?? {}), ...(file ?? {}) } };
}

/** Columns of the awkward profiles, by field path. */
const COLUMNS = `"partnerId" VARCHAR, "homeAddress.state" VARCHAR, "incomeBand" VARCHAR, "homeAddress.city" VARCHAR, "homeAddress.postalCode" VARCHAR,
  age BIGINT, "homeOwner" BOOLEAN, "birthDate" DATE, "lastUpdated" TIMESTAMP, interests VARCHAR, score DOUBLE,
  "hashedEmail" VARCHAR, "person.lastName" VARCHAR`;

const ROWS = [
  `('AC0000000003', 'CA', 'A', 'San Francisco', '02134', 42, true, DATE '1984-02-29', TIMESTAMP '2026-11-28 09:15:00', 'golf;wine', 0.5, 'e1', 'Smith')`,
  `('AC0000000001', 'OR', 'B', 'Portland, "Rose City"', NULL, NULL, false, NULL, TIMESTAMP '2026-11-28 09:15:00.25', '', 100, NULL, 'O''Brien')`,
  `('AC0000000002', 'WA', 'A', 'Seattle' || chr(10) || 'North', '98101', 30, NULL, DATE '0999-01-01', NULL, 'Zoë;café', 1e-7, 'e2', NULL)`,
  `('AC0000000004', 'NY', 'A', 'New York', '10001', 50, true, NULL, NULL, 'golf', 1, 'e4', 'Kim')`,
  `('AC0000000005', 'CA', 'C', 'San Diego', '92101', 33, true, NULL, NULL, 'golf', 2, 'e5', 'Lee')`,
  `('AC0000000006', 'CA', 'B', 'Los Angeles', '02134', 55, true, DATE '1970-12-31', TIMESTAMP '2026-01-01 00:00:00.000001', 'golf', 0, 'e6', 'Chen')`,
];

export interface ExportWorld {
  readonly root: string;
  readonly store: LocalObjectStore;
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  close(): void;
}

/** A local root with the awkward profiles in DuckDB and west-coast-affluent segmented at SEGMENT_TIME. */
export async function exportWorld(): Promise<ExportWorld> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-export-test-'));
  const store = new LocalObjectStore(root);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  await connection.run(`CREATE TABLE profiles (${COLUMNS})`);
  await connection.run(`INSERT INTO profiles VALUES ${ROWS.join(',\n')}`);
  const m = testManifest(root);
  await runSegmentation(planSegmentation(m, ['west-coast-affluent', 'golf-enthusiasts-30-55']), SEGMENT_TIME, { connection, profileTable: () => 'profiles', store, lakeBucket: m.buckets.lake });
  return {
    root,
    store,
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
