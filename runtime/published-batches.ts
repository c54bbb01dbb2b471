// The batches of a dataset that count: published, not a dry run, and within the dataset's
// expiration (by ingestion time). Read from the batch manifests in the lake bucket.

import type { BatchManifest } from './ingest/batch-manifest';
import { batchManifestPrefix } from './layout';
import type { RuntimeManifest } from './manifest';
import { ObjectStore } from './object-store';

export interface DatasetBatches {
  /** Published and current, oldest first. */
  readonly current: BatchManifest[];
  /** Published but older than expiration.afterDays. */
  readonly expired: BatchManifest[];
}

const DAY_MS = 86_400_000;

export async function publishedBatches(store: ObjectStore, manifest: RuntimeManifest, dataset: string, now: Date): Promise<DatasetBatches> {
  const spec = manifest.datasets[dataset];
  if (!spec) throw new Error(`no Dataset named ${dataset}; datasets in this environment: ${Object.keys(manifest.datasets).join(', ') || '(none)'}`);
  const lake = manifest.buckets.lake;
  const objects = await store.list(lake, batchManifestPrefix(dataset));
  const batches: BatchManifest[] = [];
  for (const o of objects) {
    if (!o.key.endsWith('.json')) continue;
    const m = JSON.parse((await store.get(lake, o.key)).toString('utf8')) as BatchManifest;
    if (m.status === 'published' && !m.dryRun && m.outputs.data) batches.push(m);
  }
  batches.sort((a, b) => (a.ingestedAt < b.ingestedAt ? -1 : a.ingestedAt > b.ingestedAt ? 1 : a.batchId < b.batchId ? -1 : 1));
  const cutoff = now.getTime() - spec.expiration.afterDays * DAY_MS;
  return {
    current: batches.filter((b) => Date.parse(b.ingestedAt) >= cutoff),
    expired: batches.filter((b) => Date.parse(b.ingestedAt) < cutoff),
  };
}
