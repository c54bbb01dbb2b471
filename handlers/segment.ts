// Lambda edge of segmentation. EventBridge Scheduler invokes it with {"audience": "<name>"}
// (constructs/audience.ts); {"audiences": [...]}, {} and Scheduled Events (every audience due)
// work too (runtime/segment/segment-event.ts). It evaluates the audiences over the profiles
// runtime/profiles.ts merges, writes the snapshots to the lake, then publishes one
// "Segmentation Finished" event per audience for after-segmentation activations. Everything
// else is the runtime core shared with `prospect run`.
// With `segmentation.engine: athena` and PROSPECT_ATHENA_WORKGROUP set (the stack sets it), the
// audiences are evaluated in the Athena workgroup instead (runtime/segment/athena-segment.ts):
// same snapshots (engine 'athena'), same events.

import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import * as os from 'node:os';
import { ENV_VARS } from '../runtime/contract';
import { loadManifestFromEnv } from '../runtime/lambda-manifest';
import { athenaRunnerFromEnv, AthenaQueryRunner, LambdaTime } from '../runtime/athena';
import { lambdaMemoryLimit, openDuckDb } from '../runtime/ingest/duckdb-session';
import { jsonLogger, Logger } from '../runtime/log';
import type { RuntimeManifest } from '../runtime/manifest';
import type { ObjectStore } from '../runtime/object-store';
import { openProfiles } from '../runtime/profiles';
import { createS3Client, S3ObjectStore } from '../runtime/s3-object-store';
import { athenaColumn, dueAudiences, parseSegmentEvent, planSegmentation, PutEventsEntry, runAthenaSegmentation, runSegmentation, segmentationFinishedEntries, type SegmentationResult } from '../runtime/segment';

export { BadEventError, parseSegmentEvent } from '../runtime/segment';

export interface SegmentHandlerDeps {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly log: Logger;
  /** Sends events (PutEvents, at most 10 per call). */
  readonly publish: (entries: readonly PutEventsEntry[]) => Promise<void>;
  /** @default os.tmpdir() */
  readonly workRoot?: string;
  /** DuckDB memory limit. @default 75% of the function's memory, else 1GB */
  readonly memoryLimit?: string;
  readonly now?: Date;
  /** Runs statements in the environment's workgroup; used when the manifest's engine is athena. @default - DuckDB */
  readonly athena?: AthenaQueryRunner;
}

export interface SegmentHandlerResult {
  readonly runId: string;
  readonly audiences: Readonly<Record<string, number>>;
  readonly profiles: Readonly<Record<string, number>>;
  readonly events: number;
}

export async function handleSegmentEvent(event: unknown, deps: SegmentHandlerDeps): Promise<SegmentHandlerResult> {
  const request = parseSegmentEvent(event, deps.now);
  const names = request.kind === 'audiences' ? request.audiences : dueAudiences(deps.manifest, request.time);
  const log = deps.log.child({ runTime: request.time.toISOString() });
  const onAthena = deps.manifest.environment.segmentationEngine === 'athena';
  if (onAthena && !deps.athena) log.warn(`segmentation.engine is athena but ${ENV_VARS.athenaWorkgroup} is not set: segmenting in DuckDB; apply the stack to set it`);
  if (names.length === 0) {
    log.info('no audience due', { request: request.kind });
    return { runId: '', audiences: {}, profiles: {}, events: 0 };
  }
  if (onAthena && deps.athena) {
    const started = Date.now();
    const result = await runAthenaSegmentation(planSegmentation(deps.manifest, names, { column: athenaColumn }), request.time, { runner: deps.athena, store: deps.store, manifest: deps.manifest, log });
    return announce(result, result.profiles, started, deps, log);
  }
  const plan = planSegmentation(deps.manifest, names);
  const workRoot = deps.workRoot ?? os.tmpdir();
  const db = await openDuckDb(workRoot, { memoryLimit: deps.memoryLimit ?? lambdaMemoryLimit() });
  try {
    const tables = new Map<string, string>();
    const profiles: Record<string, number> = {};
    for (const ds of plan) {
      const view = await openProfiles(deps.store, deps.manifest, ds.dataset, { now: request.time, connection: db.connection });
      tables.set(ds.dataset, view.table);
      profiles[ds.dataset] = view.count;
      log.info('profiles opened', { dataset: ds.dataset, profiles: view.count, batches: view.batches.used.length, expiredBatches: view.batches.expired.length });
    }
    const started = Date.now();
    const result = await runSegmentation(plan, request.time, {
      connection: db.connection,
      profileTable: (d) => tables.get(d)!,
      profileCount: (d) => profiles[d],
      store: deps.store,
      lakeBucket: deps.manifest.buckets.lake,
    });
    return await announce(result, profiles, started, deps, log);
  } finally {
    db.close();
  }
}

/** Logs each snapshot and publishes "Segmentation Finished" (both engines). */
async function announce(result: SegmentationResult, profiles: Readonly<Record<string, number>>, started: number, deps: SegmentHandlerDeps, log: Logger): Promise<SegmentHandlerResult> {
  for (const s of result.snapshots) log.info('audience segmented', { audience: s.audience, dataset: s.dataset, runId: s.runId, members: s.count, profiles: s.profiles, snapshot: s.membersKey, engine: s.engine });
  const entries = segmentationFinishedEntries(deps.manifest.environment.name, result);
  for (let i = 0; i < entries.length; i += 10) await deps.publish(entries.slice(i, i + 10));
  log.info('segmentation finished', { runId: result.runId, audiences: result.snapshots.length, events: entries.length, ms: Date.now() - started });
  return { runId: result.runId, audiences: Object.fromEntries(result.snapshots.map((s) => [s.audience, s.count])), profiles, events: entries.length };
}


/** 75% of the Lambda function's memory for DuckDB, leaving room for Node and the SDK. */
/** PutEvents that fails on any rejected entry (PutEvents reports those without throwing). */
export function eventBridgePublisher(client: EventBridgeClient): (entries: readonly PutEventsEntry[]) => Promise<void> {
  return async (entries) => {
    const out = await client.send(new PutEventsCommand({ Entries: entries.map((e) => ({ ...e })) }));
    if (out.FailedEntryCount) {
      const failed = (out.Entries ?? []).filter((e) => e.ErrorCode).map((e) => `${e.ErrorCode}: ${e.ErrorMessage}`);
      throw new Error(`EventBridge rejected ${out.FailedEntryCount} of ${entries.length} "Segmentation Finished" events: ${failed.join('; ')}`);
    }
  };
}

export async function handler(event: unknown, context?: LambdaTime): Promise<SegmentHandlerResult> {
  const log = jsonLogger({ function: 'segment', environment: process.env[ENV_VARS.environment] });
  try {
    const store = new S3ObjectStore(createS3Client());
    const manifest = await loadManifestFromEnv(store);
    return await handleSegmentEvent(event, { store, manifest, log, publish: eventBridgePublisher(new EventBridgeClient({})), athena: athenaRunnerFromEnv(manifest, log, context) });
  } catch (e) {
    log.error('segmentation failed', { error: e as Error, event });
    throw e;
  }
}
