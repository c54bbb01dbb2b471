// Lambda edge of exports: an activation's schedule invokes it with {"activation": "<name>"};
// for trigger after-segmentation its EventBridge rule passes {activation, audience, runId}
// (constructs/activation.ts). It applies the activation's date window, opens the profiles and
// runs the export core (runtime/export), which checks the policies again, writes the files to
// the destination (S3, or SFTP with the host key pinned and credentials from Secrets Manager)
// and the export manifest to the lake.
// With `segmentation.engine: athena` and PROSPECT_ATHENA_WORKGROUP set, the rows are staged by an
// Athena UNLOAD (runtime/export/athena-export.ts) instead of selected from profiles opened in
// DuckDB; DuckDB then only writes the destination's files (S3 and SFTP alike).

import * as os from 'node:os';
import { ENV_VARS } from '../runtime/contract';
import { loadManifestFromEnv } from '../runtime/lambda-manifest';
import { AwsSecretStore } from '../runtime/aws-secret-store';
import { athenaRunnerFromEnv, AthenaQueryRunner, LambdaTime } from '../runtime/athena';
import { ActivationPlan, openDestinationSink, parseExportEvent, planActivation, runAthenaExport, runExport, withinWindow } from '../runtime/export';
import { lambdaMemoryLimit, openDuckDb } from '../runtime/ingest/duckdb-session';
import { jsonLogger, Logger } from '../runtime/log';
import type { RuntimeManifest } from '../runtime/manifest';
import type { ObjectStore } from '../runtime/object-store';
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
  /** Runs statements in the environment's workgroup; used when the manifest's engine is athena. @default - DuckDB */
  readonly athena?: AthenaQueryRunner;
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
  const onAthena = deps.manifest.environment.segmentationEngine === 'athena';
  if (onAthena && !deps.athena) log.warn(`segmentation.engine is athena but ${ENV_VARS.athenaWorkgroup} is not set: exporting from profiles opened in DuckDB; apply the stack to set it`);
  const db = await openDuckDb(deps.workRoot ?? os.tmpdir(), { memoryLimit: deps.memoryLimit ?? lambdaMemoryLimit() });
  try {
    const req = { activation: e.activation, time: e.time, audiences: e.audience ? [e.audience] : undefined, segmentationRunId: e.runId };
    const common = {
      manifest: deps.manifest,
      connection: db.connection,
      store: deps.store,
      openSink: (p: ActivationPlan) => openDestinationSink(p, { manifest: deps.manifest, store: deps.store, secrets: deps.secrets }),
    };
    let m: Awaited<ReturnType<typeof runExport>>;
    if (onAthena && deps.athena) {
      m = await runAthenaExport(req, { ...common, runner: deps.athena });
    } else {
      const view = await openProfiles(deps.store, deps.manifest, plan.dataset, { now: e.time, connection: db.connection });
      log.info('profiles opened', { dataset: plan.dataset, profiles: view.count });
      m = await runExport(req, { ...common, profileTable: () => view.table });
    }
    for (const a of m.audiences) log.info('audience exported', { audience: a.audience, snapshotRunId: a.snapshotRunId, members: a.members, rows: a.rows, files: a.files.map((f) => ({ path: f.path, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })) });
    log.info('export finished', { runId: m.runId, destination: m.destination, location: m.location, manifest: m.manifestKey, ...m.totals });
    return { status: 'exported', activation: e.activation, runId: m.runId, manifestKey: m.manifestKey, ...m.totals };
  } finally {
    db.close();
  }
}

export async function handler(event: unknown, context?: LambdaTime): Promise<ExportHandlerResult> {
  const log = jsonLogger({ function: 'export', environment: process.env[ENV_VARS.environment] });
  try {
    const store = new S3ObjectStore(createS3Client());
    const manifest = await loadManifestFromEnv(store);
    return await handleExportEvent(event, { store, manifest, secrets: new AwsSecretStore(), log, athena: athenaRunnerFromEnv(manifest, log, context) });
  } catch (e) {
    log.error('export failed', { error: e as Error, event });
    throw e;
  }
}
