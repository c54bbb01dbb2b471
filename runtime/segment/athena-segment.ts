// Segmentation on Athena (Environment `segmentation.engine: athena`): per dataset, the statements
// of athena-sql.ts run in the environment's workgroup, then one query reads the counts, then
// snapshot.json per audience is written as the DuckDB path writes it (snapshot.ts), with
// engine 'athena', the members/ folder as membersKey and the membership table the Athena export
// reads. Same result type as runSegmentation, so the handler announces the run identically.
//
// Statements, in order, each started with a request token of (statement, run id), so a retried
// function picks up the queries it already started instead of running them twice:
//   1. CTAS of the run's membership table (one pass over the profiles);
//   2. counts: profiles in the view and members per audience (a second pass over the profiles
//      for the profile count; the members are read from the small membership table);
//   3. one UNLOAD per audience to audiences/<audience>/run=<runId>/members/.
// The membership table is kept (not dropped) because the export of this run reads it; its files
// are under athena-results/, whose lifecycle removes them.

import { createHash } from 'node:crypto';
import { quoteIdentifier } from '../../audience-rules';
import type { AthenaQueryRunner } from '../athena/query-runner';
import { audiencePrefix } from '../layout';
import type { Logger } from '../log';
import type { RuntimeManifest } from '../manifest';
import type { ObjectStore } from '../object-store';
import { athenaProfileSource } from './athena-profile-source';
import { athenaProfilesCte, type AthenaProfileSource } from './athena-profile-view';
import { athenaSegmentationSql, type AthenaSegmentation } from './athena-sql';
import { memberColumn } from './membership-sql';
import type { DatasetSegmentation } from './plan';
import { runIdOf } from './run-id';
import type { SegmentationResult } from './segment';
import { AudienceSnapshot, snapshotOf, writeSnapshotJson } from './snapshot';

export interface AthenaSegmentContext {
  readonly runner: AthenaQueryRunner;
  /** Holds the lake bucket (batch manifests in, snapshots out). */
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly log?: Logger;
}

export interface AthenaSegmentationResult extends SegmentationResult {
  /** Profiles per dataset. */
  readonly profiles: Readonly<Record<string, number>>;
}

/** Short tag of the audiences of a dataset plan: invocations of one run time for other audiences get other tables. */
export function audienceSetTag(plan: DatasetSegmentation): string {
  return createHash('sha256').update(plan.audiences.map((a) => a.name).join('\n')).digest('hex').slice(0, 8);
}

/** `SELECT (SELECT count(*) FROM profiles) AS profiles, (SELECT count_if(m0) FROM <table>) AS a0, ...` after the profiles CTE. */
export function athenaCountsSql(seg: AthenaSegmentation, src: AthenaProfileSource): string {
  const table = `${quoteIdentifier(seg.database)}.${quoteIdentifier(seg.membershipTable)}`;
  const members = seg.unloads.map((_u, i) => `(SELECT count_if(${memberColumn(i)}) FROM ${table}) AS a${i}`);
  return `${athenaProfilesCte(src)} SELECT (SELECT count(*) FROM profiles) AS profiles, ${members.join(', ')}`;
}

/**
 * `plan` must have been compiled with `{ column: athenaColumn }`:
 * planSegmentation(manifest, names, { column: athenaColumn }).
 */
export async function runAthenaSegmentation(plan: readonly DatasetSegmentation[], runTime: Date, ctx: AthenaSegmentContext): Promise<AthenaSegmentationResult> {
  const runId = runIdOf(runTime);
  const lake = ctx.manifest.buckets.lake;
  const snapshots: AudienceSnapshot[] = [];
  const profiles: Record<string, number> = {};
  for (const ds of plan) {
    const src = await athenaProfileSource(ctx.store, ctx.manifest, ds.dataset, runTime);
    ctx.log?.info('profiles opened', { dataset: ds.dataset, engine: 'athena', table: `${src.database}.${src.table}`, batches: src.batches.length, expiredBatches: src.expiredBatches });
    const seg = athenaSegmentationSql(ds, src, lake, runId, audienceSetTag(ds));
    await ctx.runner.run(seg.ctas.sql, runId);
    const counts = await ctx.runner.query(athenaCountsSql(seg, src), runId);
    const row = counts.rows[0];
    if (!row || row.length !== ds.audiences.length + 1) throw new Error(`Athena counts query ${counts.outcome.queryExecutionId} returned ${JSON.stringify(counts.rows)}, expected one row of ${ds.audiences.length + 1} counts`);
    profiles[ds.dataset] = Number(row[0]);
    for (const [i, u] of seg.unloads.entries()) {
      await ctx.runner.run(u.sql, runId);
      const a = ds.audiences[i];
      const snapshot = snapshotOf(ds, a, { runId, runTime }, {
        count: Number(row[i + 1]),
        profiles: profiles[ds.dataset],
        membersKey: `${audiencePrefix(a.name)}run=${runId}/members/`,
        engine: 'athena',
        athena: { database: seg.database, table: seg.membershipTable, column: i },
      });
      await writeSnapshotJson(ctx.store, lake, snapshot);
      snapshots.push(snapshot);
    }
  }
  snapshots.sort((x, y) => (x.dataset < y.dataset ? -1 : x.dataset > y.dataset ? 1 : x.audience < y.audience ? -1 : 1));
  return { runId, runTime: runTime.toISOString(), snapshots, profiles };
}
