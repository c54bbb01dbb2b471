// Lambda edge of exports: an activation's schedule invokes it with {"activation": "<name>"};
// for trigger after-segmentation its EventBridge rule passes {activation, audience, runId}
// (constructs/activation.ts). It applies the activation's date window, opens the profiles and
// runs the export core (runtime/export), which checks the policies again, writes the files to
// the destination (S3, or SFTP with the host key pinned and credentials from Secrets Manager)
// and the export manifest to the lake.

import * as os from 'node:os';
import { ENV_VARS } from '../constructs/private/runtime-contract';
import { AwsSecretStore } from '../runtime/aws-secret-store';
import { openDestinationSink, parseExportEvent, planActivation, runExport, withinWindow } from '../runtime/export';
import { openDuckDb } from '../runtime/ingest/duckdb-session';
import { jsonLogger, Logger } from '../runtime/log';
import type { RuntimeManifest } from '../runtime/manifest';
import { getJson, ObjectStore } from '../runtime/object-store';
import { openProfiles } from '../runtime/profiles';
import { createS3Client, S3ObjectStore } from '../runtime/s3-object-store';
import type { SecretStore } from '../runtime/secret-store';

export { BadEventError, parseExportEvent } from '../runtime/export';

export interface ExportHandlerDeps {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly secrets: SecretStore;
  readonly log: Logger;
  /** @default os.tmpdir() */
  readonly workRoot?: string;
  /** DuckDB memory limit. @default 75% of the function's memory, else 1GB */
  readonly memoryLimit?: string;
  readonly now?: Date;
}

export type ExportHandlerResult =
  | { readonly status: 'skipped'; readonly activation: string; readonly reason: string }
  | { readonly status: 'exported'; readonly activation: string; readonly runId: string; readonly manifestKey: string; readonly files: number; readonly rows: number; readonly bytes: number };

export async function handleExportEvent(event: unknown, deps: ExportHandlerDeps): Promise<ExportHandlerResult> {
  const e = parseExportEvent(event, deps.now);
  const log = deps.log.child({ activation: e.activation, ...(e.audience ? { audience: e.audience, segmentationRunId: e.runId } : {}) });
  const plan = planActivation(deps.manifest, e.activation);
  const schedule = deps.manifest.activations[e.activation].schedule;
  if (!withinWindow(schedule, e.time)) {
    const reason = `${e.time.toISOString().slice(0, 10)} is outside the activation's window ${schedule.startDate ?? '…'}..${schedule.endDate ?? '…'}`;
    log.info('export skipped', { reason });
    return { status: 'skipped', activation: e.activation, reason };
  }
  const db = await openDuckDb(deps.workRoot ?? os.tmpdir(), { memoryLimit: deps.memoryLimit ?? lambdaMemoryLimit() });
  try {
    const view = await openProfiles(deps.store, deps.manifest, plan.dataset, { now: e.time, connection: db.connection });
    log.info('profiles opened', { dataset: plan.dataset, profiles: view.count });
    const m = await runExport(
      { activation: e.activation, time: e.time, audiences: e.audience ? [e.audience] : undefined, segmentationRunId: e.runId },
      {
        manifest: deps.manifest,
        connection: db.connection,
        profileTable: () => view.table,
        store: deps.store,
        openSink: (p) => openDestinationSink(p, { manifest: deps.manifest, store: deps.store, secrets: deps.secrets }),
      },
    );
    for (const a of m.audiences) log.info('audience exported', { audience: a.audience, snapshotRunId: a.snapshotRunId, members: a.members, rows: a.rows, files: a.files.map((f) => ({ path: f.path, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })) });
    log.info('export finished', { runId: m.runId, destination: m.destination, location: m.location, manifest: m.manifestKey, ...m.totals });
    return { status: 'exported', activation: e.activation, runId: m.runId, manifestKey: m.manifestKey, ...m.totals };
  } finally {
    db.close();
  }
}

function lambdaMemoryLimit(): string {
  const mb = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return Number.isFinite(mb) && mb > 0 ? `${Math.floor(mb * 0.75)}MB` : '1GB';
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set; the stack sets it on every pipeline function`);
  return value;
}

async function loadManifest(store: ObjectStore): Promise<RuntimeManifest> {
  const bucket = requiredEnv(ENV_VARS.manifestBucket);
  const key = requiredEnv(ENV_VARS.manifestKey);
  const manifest = await getJson<RuntimeManifest>(store, bucket, key);
  if (manifest === undefined) throw new Error(`runtime manifest s3://${bucket}/${key} is missing; apply the stack`);
  return manifest;
}

export async function handler(event: unknown): Promise<ExportHandlerResult> {
  const log = jsonLogger({ function: 'export', environment: process.env[ENV_VARS.environment] });
  try {
    const store = new S3ObjectStore(createS3Client());
    return await handleExportEvent(event, { store, manifest: await loadManifest(store), secrets: new AwsSecretStore(), log });
  } catch (e) {
    log.error('export failed', { error: e as Error, event });
    throw e;
  }
}
