// The segmentation and export part of `prospect run` on a laptop, and `prospect audience
// preview`: the same cores as the segment and export handlers, over the profiles that
// runtime/profiles.ts merges from the environment's store (local folders, or S3 for preview).

import type { DuckDBConnection } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDuckDb } from './ingest/duckdb-session';
import type { RuntimeManifest } from './manifest';
import type { ObjectStore } from './object-store';
import { openProfiles } from './profiles';
import { storeFor } from './run-local';
import type { SecretStore } from './secret-store';
import { activationsAfterSegmentation, withinWindow } from './export/activation-triggers';
import { openDestinationSink } from './export/destination-sink';
import { runExport } from './export/export';
import { planSegmentation } from './segment/plan';
import { AudiencePreview, previewAudience } from './segment/preview';
import { runSegmentation } from './segment/segment';
import { SegmentationFinishedDetail, segmentationFinishedDetails } from './segment/finished-event';

export interface LocalExportOutcome {
  readonly activation: string;
  readonly status: 'exported' | 'skipped' | 'failed';
  readonly trigger: 'scheduled' | 'after-segmentation';
  /** Why it was skipped, or the error. */
  readonly reason?: string;
  readonly destination?: string;
  readonly location?: string;
  readonly manifestKey?: string;
  readonly rows?: number;
  readonly files?: readonly { readonly audience: string; readonly path: string; readonly rows: number; readonly bytes: number }[];
}

export interface LocalAudienceRun {
  readonly runId: string;
  readonly runTime: string;
  readonly datasets: readonly { readonly dataset: string; readonly profiles: number }[];
  readonly audiences: readonly { readonly name: string; readonly dataset: string; readonly size: number; readonly snapshotKey: string }[];
  /** What the segment function would announce (one "Segmentation Finished" per audience). */
  readonly finished: readonly SegmentationFinishedDetail[];
  readonly exports: readonly LocalExportOutcome[];
}

export interface LocalAudienceOptions {
  readonly manifest: RuntimeManifest;
  /** Folder a relative localRoot is resolved against. */
  readonly specDir: string;
  /** The run time. @default now */
  readonly time?: Date;
  /** @default storeFor(manifest, specDir) */
  readonly store?: ObjectStore;
  /** For sftp destinations outside `runtime: local`. */
  readonly secrets?: SecretStore;
}

/** The shared DuckDB session of a local run, spilling to its own temp folder (removed on close). */
async function openDuck(): Promise<{ connection: DuckDBConnection; close(): void }> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-run-'));
  try {
    // profiles and memberships of a laptop run: a roomier limit than one ingested file needs
    const db = await openDuckDb(workDir, { memoryLimit: process.env.PROSPECT_DUCKDB_MEMORY_LIMIT ?? '2GB' });
    return { connection: db.connection, close: () => (db.close(), fs.rmSync(workDir, { recursive: true, force: true })) };
  } catch (e) {
    fs.rmSync(workDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Segments every audience, then exports every activation inside its date window: those with
 * `trigger: after-segmentation` from this run's snapshots, scheduled ones as if due now. One
 * activation's failure (a policy, a missing column) is reported and does not stop the others.
 */
export async function runLocalAudiences(opts: LocalAudienceOptions): Promise<LocalAudienceRun> {
  const { manifest } = opts;
  const time = opts.time ?? new Date();
  const store = opts.store ?? storeFor(manifest, opts.specDir);
  const { connection, close } = await openDuck();
  try {
    const plan = planSegmentation(manifest, Object.keys(manifest.audiences));
    const tables = new Map<string, string>();
    const datasets: { dataset: string; profiles: number }[] = [];
    for (const dataset of [...new Set([...plan.map((p) => p.dataset), ...Object.values(manifest.activations).flatMap((a) => a.audiences.map((x) => manifest.audiences[x]?.dataset).filter((d): d is string => !!d))])].sort()) {
      const view = await openProfiles(store, manifest, dataset, { now: time, connection });
      tables.set(dataset, view.table);
      datasets.push({ dataset, profiles: view.count });
    }
    const profileTable = (dataset: string) => tables.get(dataset)!;
    const counts = new Map(datasets.map((d) => [d.dataset, d.profiles]));
    const result = await runSegmentation(plan, time, { connection, profileTable, profileCount: (d) => counts.get(d), store, lakeBucket: manifest.buckets.lake });
    const finished = segmentationFinishedDetails(manifest.environment.name, result);

    const triggered = new Map(activationsAfterSegmentation(manifest, result.snapshots.map((s) => s.audience)).map((t) => [t.activation, t]));
    const exports: LocalExportOutcome[] = [];
    for (const [name, a] of Object.entries(manifest.activations).sort(([x], [y]) => (x < y ? -1 : 1))) {
      const trigger = a.schedule.trigger ?? 'scheduled';
      if (!withinWindow(a.schedule, time)) {
        exports.push({ activation: name, status: 'skipped', trigger, reason: `outside its window ${a.schedule.startDate ?? '…'}..${a.schedule.endDate ?? '…'}` });
        continue;
      }
      try {
        const after = triggered.get(name);
        const m = await runExport(
          after ? { activation: name, time, audiences: after.audiences, segmentationRunId: result.runId } : { activation: name, time },
          { manifest, connection, profileTable, store, openSink: (p) => openDestinationSink(p, { manifest, store, secrets: opts.secrets }) },
        );
        exports.push({
          activation: name,
          status: 'exported',
          trigger,
          destination: m.destination,
          location: m.location,
          manifestKey: m.manifestKey,
          rows: m.totals.rows,
          files: m.audiences.flatMap((x) => x.files.map((f) => ({ audience: x.audience, path: f.path, rows: f.rows, bytes: f.bytes }))),
        });
      } catch (e) {
        exports.push({ activation: name, status: 'failed', trigger, reason: `${(e as Error).name}: ${(e as Error).message}` });
      }
    }
    return {
      runId: result.runId,
      runTime: result.runTime,
      datasets,
      audiences: result.snapshots.map((s) => ({ name: s.audience, dataset: s.dataset, size: s.count, snapshotKey: s.membersKey.replace(/members\.parquet$/, 'snapshot.json') })),
      finished,
      exports,
    };
  } finally {
    close();
  }
}

/** `prospect audience preview NAME`: the audience over the environment's current profiles. */
export async function previewEnvironmentAudience(opts: LocalAudienceOptions & { readonly audience: string; readonly sampleSize?: number }): Promise<AudiencePreview> {
  const { manifest } = opts;
  const store = opts.store ?? storeFor(manifest, opts.specDir);
  const [plan] = planSegmentation(manifest, [opts.audience]); // unknown names fail here, before any data is read
  const { connection, close } = await openDuck();
  try {
    const view = await openProfiles(store, manifest, plan.dataset, { now: opts.time ?? new Date(), connection });
    return await previewAudience(connection, manifest, opts.audience, () => view.table, { sampleSize: opts.sampleSize });
  } finally {
    close();
  }
}
