// Export one Activation (a full export): for each of its audiences, the members of a snapshot
// joined to the current profiles, only the identity and listed attributes, de-duplicated,
// written in the destination's format and names, delivered through a sink; then the manifest.
// Policies are checked again first. The same function runs in the export Lambda and in
// `prospect run`.

import type { DuckDBConnection } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { quoteIdentifier, quoteString } from '../../audience-rules';
import { PARQUET_TYPES } from '../ingest/value-rules';
import type { RuntimeManifest } from '../manifest';
import type { ObjectStore } from '../object-store';
import { requireColumns, tableRef } from '../segment/profile-table';
import { runIdOf, runTimeOf } from '../segment/run-id';
import { AudienceSnapshot, latestSnapshot, readSnapshot } from '../segment/snapshot';
import { audienceId } from './audience-id';
import { ExportConfigError, MissingSnapshotError } from './errors';
import { EXPORT_MANIFEST_VERSION, ExportedAudience, ExportManifest, writeExportManifest } from './export-manifest';
import { ActivationPlan, planActivation } from './export-plan';
import { exportSelectSql } from './export-sql';
import { fieldTextSql } from './field-text';
import type { FileSink } from './file-sink';
import { exportFileNames } from './file-name';
import { assertPoliciesAllow } from './policy-check';
import { EXPORT_ROW, partCount, writeAudienceFiles } from './write-files';

export interface ExportRequest {
  readonly activation: string;
  /** When the export runs (names files unless a segmentation run is given). */
  readonly time: Date;
  /** Export only these of the activation's audiences. @default - all of them */
  readonly audiences?: readonly string[];
  /** Export the snapshots of this segmentation run (after-segmentation); its run time names the files. @default - each audience's newest snapshot */
  readonly segmentationRunId?: string;
}

export interface ExportContext {
  readonly manifest: RuntimeManifest;
  readonly connection: DuckDBConnection;
  /** Name of the DuckDB profile table (or view) of a dataset. Not read when `stage` is given. */
  readonly profileTable?: (dataset: string) => string;
  /**
   * Stages an audience's export rows elsewhere (Athena: athena-export.ts) as local Parquet files
   * of columns c0, c1, ... in plan order, typed; the files are then written from them as from the
   * DuckDB select. @default - the rows are selected in DuckDB from `profileTable`
   */
  readonly stage?: (snapshot: AudienceSnapshot, plan: ActivationPlan, runId: string, workDir: string) => Promise<readonly string[]>;
  /** Holds the lake bucket (snapshots, manifests). */
  readonly store: ObjectStore;
  /** The destination's sink for a plan (destination-sink.ts openDestinationSink). */
  readonly openSink: (plan: ActivationPlan) => Promise<FileSink>;
  /** @default a new folder in the OS temp folder, removed afterwards */
  readonly workDir?: string;
}

/**
 * Run id of an export: the segmentation run's id when it follows one (plus `-<audience>` when it
 * exports a single audience of several, as each after-segmentation event does), else the id of
 * the export time.
 */
export function exportRunId(req: ExportRequest, allAudiences: readonly string[]): string {
  const base = req.segmentationRunId ?? runIdOf(req.time);
  const subset = req.audiences !== undefined && req.audiences.length < allAudiences.length;
  return subset ? `${base}-${[...req.audiences!].sort().join('-')}` : base;
}

let tempCounter = 0;

export async function runExport(req: ExportRequest, ctx: ExportContext): Promise<ExportManifest & { manifestKey: string }> {
  const { manifest } = ctx;
  const plan = planActivation(manifest, req.activation);
  const audiences = req.audiences ?? plan.audiences;
  for (const a of audiences) {
    if (!plan.audiences.includes(a)) throw new ExportConfigError(`activation ${JSON.stringify(plan.activation)} does not export audience ${JSON.stringify(a)} (it exports ${plan.audiences.join(', ')})`);
  }
  assertPoliciesAllow(manifest, plan);

  const lake = manifest.buckets.lake;
  const snapshots: AudienceSnapshot[] = [];
  for (const a of audiences) {
    const s = req.segmentationRunId ? await readSnapshot(ctx.store, lake, a, req.segmentationRunId) : await latestSnapshot(ctx.store, lake, a);
    if (!s) throw new MissingSnapshotError(a, req.segmentationRunId);
    snapshots.push(s);
  }
  const runTime = req.segmentationRunId ? runTimeOf(req.segmentationRunId) : req.time;
  const runId = exportRunId(req, plan.audiences);
  const stage = ctx.stage;
  const profileTable = stage ? '' : ctx.profileTable!(plan.dataset);
  if (!stage) await requireColumns(ctx.connection, profileTable, [...new Set([plan.identityField, ...plan.columns.map((c) => c.field), ...plan.dedupFields])]);

  // The sink opens first: a wrong host key or a missing secret leaves no work folder behind.
  const sink = await ctx.openSink(plan);
  const workDir = ctx.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-export-'));
  const exported: ExportedAudience[] = [];
  try {
    for (const snap of snapshots) {
      const table = quoteIdentifier(`__prospect_export_${process.pid}_${++tempCounter}`);
      const text = plan.file.format !== 'parquet';
      const localFiles = stage ? [...(await stage(snap, plan, runId, workDir))] : await downloadMembers(ctx.store, lake, snap, path.join(workDir, `members-${exported.length}`));
      const select = stage
        ? stagedSelectSql(localFiles, plan, text)
        : exportSelectSql({
            profiles: tableRef(profileTable),
            members: membersRelation(localFiles, snap.identityField),
            membersColumn: snap.identityField,
            identityField: plan.identityField,
            columns: plan.columns,
            dedupFields: plan.dedupFields,
            value: text ? (sql, c) => fieldTextSql(sql, c.type) : undefined,
            rowNumber: EXPORT_ROW,
          });
      await ctx.connection.run(`CREATE TEMP TABLE ${table} AS ${select}`);
      try {
        const rows = Number((await ctx.connection.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJS()[0].n);
        const id = audienceId(manifest.environment.name, snap.audience);
        const names = exportFileNames(plan.file, { destinationName: plan.destinationName, audienceName: snap.audience, audienceId: id, time: runTime }, partCount(rows, plan.file.maxRowsPerFile));
        const files = await writeAudienceFiles({ connection: ctx.connection, table, rowCount: rows, plan, names, sink, workDir });
        exported.push({ audience: snap.audience, audienceId: id, snapshotRunId: snap.runId, members: snap.count, rows, files });
      } finally {
        await ctx.connection.run(`DROP TABLE IF EXISTS ${table}`);
        for (const f of localFiles) fs.rmSync(f, { force: true });
      }
    }
  } finally {
    await sink.close();
    if (!ctx.workDir) fs.rmSync(workDir, { recursive: true, force: true });
  }

  const all = exported.flatMap((e) => e.files);
  const m: ExportManifest = {
    version: EXPORT_MANIFEST_VERSION,
    activation: plan.activation,
    runId,
    runTime: runTime.toISOString(),
    destination: plan.destinationName,
    destinationType: plan.destination.type,
    location: sink.location,
    exportMode: 'full',
    format: plan.file.format,
    compression: plan.file.compression,
    columns: plan.columns.map((c) => c.name),
    identity: { namespace: plan.identityNamespace, column: plan.columns[0].name, field: plan.identityField },
    dedupKeys: manifest.activations[plan.activation].dedupKeys ?? [],
    policyCheck: 'passed',
    audiences: exported,
    totals: { files: all.length, rows: exported.reduce((n, e) => n + e.rows, 0), bytes: all.reduce((n, f) => n + f.bytes, 0) },
  };
  const manifestKey = await writeExportManifest(ctx.store, lake, m);
  return { ...m, manifestKey };
}

/**
 * The members of a snapshot as local Parquet files: members.parquet (DuckDB), or every file of
 * the members/ folder an Athena UNLOAD wrote (membersKey ends with `/`).
 */
async function downloadMembers(store: ObjectStore, lake: string, snap: AudienceSnapshot, base: string): Promise<string[]> {
  return snap.membersKey.endsWith('/') ? downloadParquetFolder(store, lake, snap.membersKey, base) : downloadKeys(store, lake, [snap.membersKey], base);
}

/** Every file under `prefix` (an UNLOAD's output), downloaded as `<base>-<i>.parquet` in key order. */
export async function downloadParquetFolder(store: ObjectStore, lake: string, prefix: string, base: string): Promise<string[]> {
  return downloadKeys(store, lake, (await store.list(lake, prefix)).map((o) => o.key).sort(), base);
}

async function downloadKeys(store: ObjectStore, lake: string, keys: readonly string[], base: string): Promise<string[]> {
  const files: string[] = [];
  for (const [i, key] of keys.entries()) {
    const file = `${base}-${i}.parquet`;
    await pipeline(await store.getStream(lake, key), fs.createWriteStream(file));
    files.push(file);
  }
  return files;
}

/** The members relation over local Parquet files; no file (an empty UNLOAD) is no member. */
function membersRelation(files: readonly string[], identityField: string): string {
  if (files.length === 0) return `(SELECT CAST(NULL AS VARCHAR) AS ${quoteIdentifier(identityField)} WHERE false)`;
  return `read_parquet([${files.map(quoteString).join(', ')}], hive_partitioning = false)`;
}

/**
 * Export rows from staged Parquet (c0 = the identity, c1, ... in plan order), numbered and
 * ordered by identity as exportSelectSql orders them; text values for csv and json as there.
 */
export function stagedSelectSql(files: readonly string[], plan: ActivationPlan, text: boolean): string {
  const from =
    files.length > 0
      ? `read_parquet([${files.map(quoteString).join(', ')}], hive_partitioning = false)`
      : `(SELECT ${plan.columns.map((c, k) => `CAST(NULL AS ${PARQUET_TYPES[c.type]}) AS c${k}`).join(', ')} WHERE false)`;
  const values = plan.columns.map((c, k) => `${text ? fieldTextSql(`s.c${k}`, c.type) : `s.c${k}`} AS ${quoteIdentifier(c.name)}`);
  return `SELECT row_number() OVER (ORDER BY s.c0) AS ${quoteIdentifier(EXPORT_ROW)}, ${values.join(', ')} FROM ${from} s ORDER BY s.c0`;
}
