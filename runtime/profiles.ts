// The prospect profile view: the latest record per Partner ID across a dataset's current
// published batches (timestamp-ordered merge), as a DuckDB table over the batches' Parquet files.
//
// "Latest" orders by the record's merge timestamp (see mergeTimestampField) when it has one,
// else its batch's ingestion time; ties go to the later batch (ingestion time, then batch id)
// and then to the later record in its file (by `_id`). Two rows of one Partner ID in one file:
// the later row wins.

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { recordPositionSql } from './ingest/batch-id';
import type { BatchManifest } from './ingest/batch-manifest';
import { sqlIdent, sqlString } from './ingest/sql-text';
import { PARQUET_TYPES } from './ingest/value-rules';
import { LocalObjectStore } from './local-object-store';
import type { RuntimeManifest } from './manifest';
import { ObjectStore } from './object-store';
import { publishedBatches } from './published-batches';

export interface OpenProfilesOptions {
  /** Batches older than expiration.afterDays before `now` do not count. @default new Date() */
  readonly now?: Date;
  /** A connection to create the table in; left out, a new in-memory DuckDB is opened. */
  readonly connection?: DuckDBConnection;
  /** Table name. @default `profiles_<dataset>` with `-` as `_` */
  readonly table?: string;
  /** Where Parquet files of an S3 store are cached. @default <os.tmpdir()>/prospect-profile-cache */
  readonly cacheDir?: string;
}

export interface ProfileView {
  readonly connection: DuckDBConnection;
  /** Quoted-safe name of the table (plain identifier characters). */
  readonly table: string;
  /** Number of profiles (distinct Partner IDs). */
  readonly count: number;
  /** Identity field (the schema's primary identity), e.g. `partnerId`. */
  readonly identityField: string;
  /** Field the merge orders by (undefined: batch ingestion time only). */
  readonly mergeField: string | undefined;
  readonly batches: { readonly used: readonly string[]; readonly expired: readonly string[] };
  /** Closes the DuckDB instance when openProfiles opened it (no-op for a given connection). */
  close(): void;
}

/** Datetime fields that say when the partner last changed a record, in order of preference. */
const MERGE_TIMESTAMP_CANDIDATES = ['modifyDate', 'lastUpdated', 'lastModified', 'updatedAt', 'modifiedAt', 'lastUpdate', 'updateDate'];

/**
 * The field the merge orders records by: the first candidate that is a datetime field of the
 * schema and is filled by a source of the dataset (the class's modifyDate counts only when a
 * source maps a column to it). Undefined: records are ordered by batch ingestion time.
 */
export function mergeTimestampField(manifest: RuntimeManifest, dataset: string): string | undefined {
  const schema = manifest.schemas[manifest.datasets[dataset].schema];
  const mapped = new Set(Object.values(manifest.sources).filter((s) => s.dataset === dataset).flatMap((s) => Object.values(s.mapping)));
  return MERGE_TIMESTAMP_CANDIDATES.find((f) => schema.allFields[f]?.type === 'datetime' && mapped.has(f));
}

/** Local path of a batch's Parquet: in place for the local store, else downloaded once. */
async function localParquet(store: ObjectStore, batch: BatchManifest, cacheDir: string): Promise<string> {
  const data = batch.outputs.data!;
  if (store instanceof LocalObjectStore) return store.pathOf(data.bucket, data.key);
  const file = path.join(cacheDir, batch.dataset, `batch=${batch.batchId}-${batch.rulesVersion}.parquet`);
  if (fs.existsSync(file)) return file;
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.part`;
  await pipeline(await store.getStream(data.bucket, data.key), fs.createWriteStream(temp));
  await fs.promises.rename(temp, file);
  return file;
}

export async function openProfiles(store: ObjectStore, manifest: RuntimeManifest, dataset: string, options: OpenProfilesOptions = {}): Promise<ProfileView> {
  const now = options.now ?? new Date();
  const ds = manifest.datasets[dataset];
  if (!ds) throw new Error(`no Dataset named ${dataset}; datasets in this environment: ${Object.keys(manifest.datasets).join(', ') || '(none)'}`);
  const schema = manifest.schemas[ds.schema];
  const identity = schema.primaryIdentity.field;
  const table = options.table ?? `profiles_${dataset.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const { current, expired } = await publishedBatches(store, manifest, dataset, now);
  const cacheDir = options.cacheDir ?? path.join(os.tmpdir(), 'prospect-profile-cache');
  const files = await Promise.all(current.map((b) => localParquet(store, b, cacheDir)));

  let instance: DuckDBInstance | undefined;
  let connection = options.connection;
  if (!connection) {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  }
  try {
    const columns = Object.entries(schema.allFields).map(([f, spec]) => `${sqlIdent(f)} ${PARQUET_TYPES[spec.type]}`);
    if (files.length === 0) {
      await connection.run(`CREATE OR REPLACE TABLE ${sqlIdent(table)} (${columns.join(', ')})`);
    } else {
      const batchRows = current.map((b, i) => `(${sqlString(files[i])}, ${sqlString(b.batchId)}, TIMESTAMP ${sqlString(b.ingestedAt.replace('T', ' ').replace('Z', ''))})`).join(', ');
      const mergeField = mergeTimestampField(manifest, dataset);
      const parquet = `read_parquet([${files.map(sqlString).join(', ')}], filename = true, hive_partitioning = false, union_by_name = true)`;
      // A field added to the schema after the last batch was written is NULL in every profile.
      const present = new Set(((await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`)).getRowObjectsJS() as { column_name: string }[]).map((r) => r.column_name));
      const fields = Object.entries(schema.allFields)
        .map(([f, spec]) => (present.has(f) ? `d.${sqlIdent(f)}` : `CAST(NULL AS ${PARQUET_TYPES[spec.type]}) AS ${sqlIdent(f)}`))
        .join(', ');
      await connection.run(`CREATE OR REPLACE TABLE ${sqlIdent(table)} AS
  WITH batches(file, batch_id, ingested_at) AS (VALUES ${batchRows}),
  records AS (
    SELECT ${fields}, ${mergeField && present.has(mergeField) ? `d.${sqlIdent(mergeField)}` : 'CAST(NULL AS TIMESTAMP)'} AS d_merge, b.batch_id AS _batch, b.ingested_at AS _ingested, ${recordPositionSql('d."_id"')} AS _row
    FROM ${parquet} d
    JOIN batches b ON b.file = d.filename
  )
  SELECT * EXCLUDE (d_merge, _batch, _ingested, _row, _rank) FROM (
    SELECT *, row_number() OVER (
      PARTITION BY ${sqlIdent(identity)}
      ORDER BY coalesce(d_merge, _ingested) DESC, _ingested DESC, _batch DESC, _row DESC
    ) AS _rank
    FROM records
  ) WHERE _rank = 1`);
    }
  } catch (e) {
    instance?.closeSync(); // only an instance opened here; a caller's connection stays theirs
    throw e;
  }
  const [{ n }] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${sqlIdent(table)}`)).getRowObjectsJS() as { n: bigint }[];
  return {
    connection,
    table,
    count: Number(n),
    identityField: identity,
    mergeField: mergeTimestampField(manifest, dataset),
    batches: { used: current.map((b) => b.batchId), expired: expired.map((b) => b.batchId) },
    close() {
      if (instance) {
        connection!.closeSync();
        instance.closeSync();
      }
    },
  };
}
