// The AthenaProfileSource of a dataset at a time: its Glue database and table, fields, identity,
// merge field and current batches, from the runtime manifest and the batch manifests in the lake
// (the same batches runtime/profiles.ts merges in DuckDB).

import type { RuntimeManifest } from '../manifest';
import type { ObjectStore } from '../object-store';
import { mergeTimestampField } from '../profiles';
import { publishedBatches } from '../published-batches';
import type { AthenaProfileSource } from './athena-profile-view';
import { NoCurrentBatchesError } from './errors';

export async function athenaProfileSource(store: ObjectStore, manifest: RuntimeManifest, dataset: string, now: Date): Promise<AthenaProfileSource & { readonly expiredBatches: number }> {
  const ds = manifest.datasets[dataset];
  if (!ds) throw new Error(`no Dataset named ${dataset}; datasets in this environment: ${Object.keys(manifest.datasets).join(', ') || '(none)'}`);
  const schema = manifest.schemas[ds.schema];
  const { current, expired } = await publishedBatches(store, manifest, dataset, now);
  if (current.length === 0) throw new NoCurrentBatchesError(dataset, expired.length);
  return {
    database: manifest.environment.glueDatabase,
    table: ds.glueTable,
    identityField: schema.primaryIdentity.field,
    fields: Object.keys(schema.allFields),
    mergeField: mergeTimestampField(manifest, dataset),
    batches: current.map((b) => ({ batchId: b.batchId, ingestedAt: b.ingestedAt })),
    expiredBatches: expired.length,
  };
}
