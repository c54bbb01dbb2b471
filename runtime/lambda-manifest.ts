// How a pipeline function finds its runtime manifest: the bucket and key the stack put in its
// environment variables.

import { ENV_VARS } from './contract';
import type { RuntimeManifest } from './manifest';
import { getJson, ObjectStore } from './object-store';

export class MissingConfigurationError extends Error {
  override readonly name = 'MissingConfigurationError';
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new MissingConfigurationError(`environment variable ${name} is not set; the stack sets it on every pipeline function`);
  return value;
}

/** Reads the manifest named by PROSPECT_MANIFEST_BUCKET / PROSPECT_MANIFEST_KEY. */
export async function loadManifestFromEnv(store: ObjectStore): Promise<RuntimeManifest> {
  const bucket = requiredEnv(ENV_VARS.manifestBucket);
  const key = requiredEnv(ENV_VARS.manifestKey);
  const manifest = await getJson<RuntimeManifest>(store, bucket, key);
  if (manifest === undefined) throw new MissingConfigurationError(`runtime manifest s3://${bucket}/${key} is missing; apply the stack`);
  return manifest;
}
