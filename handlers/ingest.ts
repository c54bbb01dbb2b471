// Lambda edge of ingestion. The landing rule (constructs/landing-trigger.ts) invokes it with
// {source, bucket, key} for each landed file; a raw EventBridge S3 "Object Created" event works
// too; {source} alone (a schedule) sweeps the source's external bucket. Everything else is the
// runtime core (runtime/ingest), shared with `prospect run` and `prospect ingest`.

import { ENV_VARS } from '../runtime/contract';
import { loadManifestFromEnv } from '../runtime/lambda-manifest';
import { IngestResult, ingestObject } from '../runtime/ingest/ingest-object';
import { parseIngestEvent, sourceOfObject } from '../runtime/ingest-event';
import { jsonLogger, Logger } from '../runtime/log';
import type { RuntimeManifest } from '../runtime/manifest';
import type { ObjectStore } from '../runtime/object-store';
import { createS3Client, S3ObjectStore } from '../runtime/s3-object-store';

export { BadEventError, parseIngestEvent } from '../runtime/ingest-event';

export interface IngestHandlerDeps {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly log: Logger;
  readonly workRoot?: string;
}

export interface IngestHandlerResult {
  readonly source: string;
  readonly results: { readonly key: string; readonly outcome: IngestResult['outcome']; readonly status: string; readonly batchId: string; readonly rowsRead: number; readonly accepted: number; readonly rejected: number }[];
}

/** The handler's work with its dependencies given (tests pass a local store). */
export async function handleIngestEvent(event: unknown, deps: IngestHandlerDeps): Promise<IngestHandlerResult> {
  const request = parseIngestEvent(event, deps.manifest);
  const log = deps.log.child({ source: request.source });
  const objects =
    request.kind === 'object'
      ? [{ bucket: request.bucket, key: request.key }]
      : await (async () => {
          const s3 = deps.manifest.sources[request.source]?.s3;
          if (!s3?.bucket) throw new Error(`source ${request.source} has no external bucket to sweep; landed files arrive as {source, bucket, key}`);
          // with nested prefixes, a key belongs to the source with the longest one (as for events)
          return (await deps.store.list(s3.bucket, s3.prefix ?? ''))
            .filter((o) => !o.key.endsWith('/') && sourceOfObject(deps.manifest, s3.bucket!, o.key) === request.source)
            .map((o) => ({ bucket: o.bucket, key: o.key }));
        })();
  const results: IngestHandlerResult['results'] = [];
  for (const object of objects) {
    log.info('ingest started', { bucket: object.bucket, key: object.key });
    const r = await ingestObject({ store: deps.store, manifest: deps.manifest, source: request.source, object, workRoot: deps.workRoot });
    const m = r.manifest;
    const fields = { bucket: object.bucket, key: object.key, outcome: r.outcome, status: m.status, batchId: m.batchId, rowsRead: m.rowsRead, accepted: m.accepted, rejected: m.rejected, reasons: m.reasons, timings: m.timings };
    if (m.status === 'published') log.info(r.outcome === 'already-ingested' ? 'already ingested' : 'batch published', fields);
    else log.warn(`batch ${m.status}: ${m.reason}`, fields);
    results.push({ key: object.key, outcome: r.outcome, status: m.status, batchId: m.batchId, rowsRead: m.rowsRead, accepted: m.accepted, rejected: m.rejected });
  }
  return { source: request.source, results };
}

export async function handler(event: unknown): Promise<IngestHandlerResult> {
  const log = jsonLogger({ function: 'ingest', environment: process.env[ENV_VARS.environment] });
  try {
    const store = new S3ObjectStore(createS3Client());
    return await handleIngestEvent(event, { store, manifest: await loadManifestFromEnv(store), log });
  } catch (e) {
    log.error('ingest failed', { error: e as Error, event });
    throw e;
  }
}
