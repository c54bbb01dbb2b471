// Segmentation: evaluate the planned audiences over each dataset's profiles (one pass per
// dataset) and write a membership snapshot per audience and run to the lake bucket. The same
// function runs in the segment Lambda and in `prospect run`.

import type { DuckDBConnection } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { audienceSnapshotKey } from '../layout';
import type { ObjectStore } from '../object-store';
import { evaluateMemberships } from './evaluate-memberships';
import type { DatasetSegmentation } from './plan';
import { runIdOf } from './run-id';
import { AudienceSnapshot, snapshotOf, writeSnapshotJson } from './snapshot';

export interface SegmentContext {
  readonly connection: DuckDBConnection;
  /** Name of the DuckDB profile table (or view) of a dataset. */
  readonly profileTable: (dataset: string) => string;
  /** Number of profiles of a dataset, when known (openProfiles' count). @default counted */
  readonly profileCount?: (dataset: string) => number | undefined;
  readonly store: ObjectStore;
  readonly lakeBucket: string;
  /** Scratch folder for Parquet files before upload. @default a new folder in the OS temp folder, removed afterwards */
  readonly workDir?: string;
}

export interface SegmentationResult {
  readonly runId: string;
  /** ISO 8601 UTC. */
  readonly runTime: string;
  /** One per audience, sorted by dataset then audience. */
  readonly snapshots: readonly AudienceSnapshot[];
}

export async function runSegmentation(plan: readonly DatasetSegmentation[], runTime: Date, ctx: SegmentContext): Promise<SegmentationResult> {
  const runId = runIdOf(runTime);
  const workDir = ctx.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-segment-'));
  const snapshots: AudienceSnapshot[] = [];
  try {
    for (const ds of plan) {
      const result = await evaluateMemberships(ctx.connection, ctx.profileTable(ds.dataset), ds, workDir, { profiles: ctx.profileCount?.(ds.dataset) });
      for (const [i, m] of result.audiences.entries()) {
        const a = ds.audiences[i];
        const membersKey = audienceSnapshotKey(a.name, runId, 'members.parquet');
        await ctx.store.putStream(ctx.lakeBucket, membersKey, fs.createReadStream(m.file), { contentType: 'application/vnd.apache.parquet' });
        fs.rmSync(m.file, { force: true });
        const snapshot = snapshotOf(ds, a, { runId, runTime }, { count: m.count, profiles: result.profiles, membersKey, engine: 'duckdb' });
        await writeSnapshotJson(ctx.store, ctx.lakeBucket, snapshot);
        snapshots.push(snapshot);
      }
    }
  } finally {
    if (!ctx.workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }
  return { runId, runTime: runTime.toISOString(), snapshots };
}
