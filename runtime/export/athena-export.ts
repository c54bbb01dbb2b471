// Export on Athena (Environment `segmentation.engine: athena`): the export core (export.ts) with
// its rows staged by Athena instead of selected in DuckDB. Per audience, the UNLOAD of
// athena-export-sql.ts reads the snapshot's membership table (recorded in snapshot.json by
// athena-segment.ts) joined to the profile view over the Glue table, and writes typed Parquet to
// exports/<activation>/run=<runId>/staging/<audience>/ in the lake; the function downloads those
// files and writes the destination's files from them with the same writers, names and sink,
// then the export manifest. So S3 and SFTP destinations both work: Athena never writes to the
// destination itself (its TEXTFILE output cannot quote CSV nor name files, and it cannot reach
// SFTP), and the function never opens the profiles.

import * as path from 'node:path';
import type { AthenaQueryRunner } from '../athena/query-runner';
import type { ObjectStore } from '../object-store';
import { athenaProfileSource } from '../segment/athena-profile-source';
import type { AthenaProfileSource } from '../segment/athena-profile-view';
import type { AudienceSnapshot } from '../segment/snapshot';
import { athenaExportSql } from './athena-export-sql';
import { NotOnAthenaError } from './errors';
import { downloadParquetFolder, ExportContext, ExportRequest, runExport } from './export';
import type { ExportManifest } from './export-manifest';
import type { ActivationPlan } from './export-plan';

export interface AthenaExportContext extends Omit<ExportContext, 'profileTable' | 'stage'> {
  readonly runner: AthenaQueryRunner;
}

/** The UNLOAD of one audience's export rows, from its snapshot's membership table. */
export function athenaExportUnload(plan: ActivationPlan, snap: AudienceSnapshot, src: AthenaProfileSource, lakeBucket: string, runId: string) {
  if (!snap.athena) throw new NotOnAthenaError(snap.audience, snap.runId, snap.engine);
  const [unload] = athenaExportSql({ ...plan, audiences: [snap.audience] }, { ...src, database: snap.athena.database }, { table: snap.athena.table, audienceColumns: { [snap.audience]: snap.athena.column } }, lakeBucket, runId);
  return unload;
}

export async function runAthenaExport(req: ExportRequest, ctx: AthenaExportContext): Promise<ExportManifest & { manifestKey: string }> {
  const lake = ctx.manifest.buckets.lake;
  let src: AthenaProfileSource | undefined;
  return runExport(req, {
    ...ctx,
    stage: async (snap, plan, runId, workDir) => {
      src ??= await athenaProfileSource(ctx.store, ctx.manifest, plan.dataset, req.time);
      const unload = athenaExportUnload(plan, snap, src, lake, runId);
      const prefix = unload.location.slice(`s3://${lake}/`.length);
      // UNLOAD needs an empty location: a failed attempt's partial output goes before the next one
      await ctx.runner.run(unload.sql, runId, { beforeRetry: () => deletePrefix(ctx.store, lake, prefix) });
      return downloadParquetFolder(ctx.store, lake, prefix, path.join(workDir, `staged-${snap.audience}`));
    },
  });
}

async function deletePrefix(store: ObjectStore, bucket: string, prefix: string): Promise<void> {
  for (const o of await store.list(bucket, prefix)) await store.delete(bucket, o.key);
}

