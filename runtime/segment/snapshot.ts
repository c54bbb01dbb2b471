// A membership snapshot: one audience evaluated in one run, stored in the lake bucket as
// audiences/<audience>/run=<runId>/members.parquet (one column, the identity field, sorted) and
// snapshot.json (this record). snapshot.json is written last: its presence means the run is complete.
// On Athena (athena-segment.ts) the members are a folder of Parquet files written by UNLOAD,
// audiences/<audience>/run=<runId>/members/, and the record names the run's membership table,
// which the Athena export reads.

import { getJson, type ObjectStore } from '../object-store';
import { audiencePrefix, audienceSnapshotKey } from '../layout';
import type { DatasetSegmentation, PlannedAudience } from './plan';

export const SNAPSHOT_VERSION = 1;

export interface AudienceSnapshot {
  readonly version: typeof SNAPSHOT_VERSION;
  readonly audience: string;
  readonly dataset: string;
  readonly runId: string;
  /** ISO 8601 UTC. */
  readonly runTime: string;
  /** The rule as written in the spec, and the SQL it was evaluated as. */
  readonly rule: string;
  readonly predicateSql: string;
  /** Members (rows of members.parquet). */
  readonly count: number;
  /** Profiles the rule was evaluated over. */
  readonly profiles: number;
  /** Column of members.parquet: the schema's primary identity field. */
  readonly identityField: string;
  /** Key of members.parquet in the lake bucket; on Athena the prefix of the members/ folder (ends with `/`). */
  readonly membersKey: string;
  readonly engine: 'duckdb' | 'athena';
  /** Athena only: where the run's memberships are queryable. */
  readonly athena?: AthenaMembership;
}

export interface AthenaMembership {
  /** Glue database and CTAS table of the run (athena-sql.ts). */
  readonly database: string;
  readonly table: string;
  /** Index of this audience's boolean column (m<i>) in the table. */
  readonly column: number;
}

/** The snapshot record of one planned audience in one run; the engine fills in what it found. */
export function snapshotOf(
  ds: DatasetSegmentation,
  a: PlannedAudience,
  run: { readonly runId: string; readonly runTime: Date },
  found: Pick<AudienceSnapshot, 'count' | 'profiles' | 'membersKey' | 'engine' | 'athena'>,
): AudienceSnapshot {
  return {
    version: SNAPSHOT_VERSION,
    audience: a.name,
    dataset: ds.dataset,
    runId: run.runId,
    runTime: run.runTime.toISOString(),
    rule: a.rule,
    predicateSql: a.predicateSql,
    identityField: ds.identityField,
    ...found,
  };
}

export async function writeSnapshotJson(store: ObjectStore, lakeBucket: string, s: AudienceSnapshot): Promise<string> {
  const key = audienceSnapshotKey(s.audience, s.runId, 'snapshot.json');
  await store.put(lakeBucket, key, JSON.stringify(s, null, 2) + '\n', { contentType: 'application/json' });
  return key;
}

/** The snapshot of one run, or `undefined` when that run has none (yet). */
export async function readSnapshot(store: ObjectStore, lakeBucket: string, audience: string, runId: string): Promise<AudienceSnapshot | undefined> {
  return getJson<AudienceSnapshot>(store, lakeBucket, audienceSnapshotKey(audience, runId, 'snapshot.json'));
}

/** The newest complete snapshot of an audience, or `undefined` when it was never segmented. */
export async function latestSnapshot(store: ObjectStore, lakeBucket: string, audience: string): Promise<AudienceSnapshot | undefined> {
  const runs = (await store.list(lakeBucket, audiencePrefix(audience)))
    .map((o) => /\/run=([^/]+)\/snapshot\.json$/.exec(o.key)?.[1])
    .filter((r): r is string => r !== undefined)
    .sort();
  const newest = runs[runs.length - 1];
  return newest === undefined ? undefined : readSnapshot(store, lakeBucket, audience, newest);
}
