// Lambda edge of SFTP polling: a schedule invokes it with {"source": "<name>"}
// (constructs/sftp-source.ts). Credentials come from Secrets Manager by the source's
// auth.secretName; landed files are ingested right away (ingestion is idempotent, so a landing
// event for the same object finds the batch already ingested).

import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV_VARS } from '../runtime/contract';
import { AwsSecretStore } from '../runtime/aws-secret-store';
import { jsonLogger, Logger } from '../runtime/log';
import type { RuntimeManifest } from '../runtime/manifest';
import type { ObjectStore } from '../runtime/object-store';
import { createS3Client, S3ObjectStore } from '../runtime/s3-object-store';
import type { SecretStore } from '../runtime/secret-store';
import { pollSftpSource, SftpPollResult } from '../runtime/sftp-poll';
import { BadEventError } from '../runtime/bad-event';
import { loadManifestFromEnv } from '../runtime/lambda-manifest';

export { BadEventError };

/** Some files (or the whole source) failed; the others' outcomes stand. */
export class SftpPollError extends Error {
  override readonly name = 'SftpPollError';
}

export function parsePollEvent(event: unknown): { source: string } {
  const e = event as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null || typeof e.source !== 'string') throw new BadEventError(`sftp-poll expects {"source": "<name>"}, got ${JSON.stringify(event)}`);
  return { source: e.source };
}

export interface SftpPollDeps {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly secrets: SecretStore;
  readonly log: Logger;
}

export async function handlePollEvent(event: unknown, deps: SftpPollDeps): Promise<SftpPollResult> {
  const { source } = parsePollEvent(event);
  const log = deps.log.child({ source });
  const result = await pollSftpSource({
    store: deps.store,
    manifest: deps.manifest,
    source,
    secrets: deps.secrets,
    // No ingestion here: landing the file raises the landing prefix's S3 event, and the ingest
    // function takes it from there (ingesting here too would run the same batch twice at once).
  });
  if (result.error) log.error(`source failed: ${result.error}`);
  for (const f of result.files) {
    const m = f.ingest?.manifest;
    const fields = { file: f.name, size: f.size, mtime: f.mtime, status: f.status, landed: f.landed?.key, batchStatus: m?.status, batchId: m?.batchId, rowsRead: m?.rowsRead, accepted: m?.accepted, rejected: m?.rejected };
    if (f.status === 'failed') log.error(`file failed: ${f.error}`, fields);
    else log.info(f.status === 'skipped' ? 'already landed' : 'landed', fields);
  }
  const failed = result.files.filter((f) => f.status === 'failed');
  if (result.error || failed.length) {
    throw new SftpPollError(result.error ?? `${failed.length} of ${result.files.length} files failed: ${failed.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
  }
  return result;
}

export async function handler(event: unknown): Promise<SftpPollResult> {
  const log = jsonLogger({ function: 'sftp-poll', environment: process.env[ENV_VARS.environment] });
  try {
    const store = new S3ObjectStore(createS3Client());
    return await handlePollEvent(event, { store, manifest: await loadManifestFromEnv(store), secrets: new AwsSecretStore(new SecretsManagerClient({})), log });
  } catch (e) {
    if (!(e instanceof SftpPollError)) log.error('sftp-poll failed', { error: e as Error, event });
    throw e;
  }
}
