// The profile view on Athena: the same merge as runtime/profiles.ts (latest record per identity
// across the dataset's current batches: by the merge timestamp field (profiles.ts
// mergeTimestampField) when the record has one, else the batch's ingestion time; ties to the
// later batch), written over the dataset's Glue table as CTEs that
// segmentation and export queries start with. The caller lists the current (published,
// unexpired) batches, as profiles.ts does from published-batches.ts.
//
// Difference from DuckDB: two rows of one identity in one batch file tie on Athena (Trino has no
// file row number); profiles.ts keeps the later row. Glue columns are the field paths
// lower-cased with "." as "_" (constructs/private/glue-columns.ts); the batch partition column is
// `batch`.

import { quoteIdentifier, quoteString } from '../../audience-rules';
import { glueColumnName } from '../../constructs/private/glue-columns';

export interface AthenaBatch {
  readonly batchId: string;
  /** ISO 8601 UTC. */
  readonly ingestedAt: string;
}

export interface AthenaProfileSource {
  readonly database: string;
  readonly table: string;
  /** Field path of the primary identity. */
  readonly identityField: string;
  /** Every field path of the schema. */
  readonly fields: readonly string[];
  readonly batches: readonly AthenaBatch[];
  /** The field whose newer value wins the merge (runtime/profiles.ts mergeTimestampField). @default - ingestion time only */
  readonly mergeField?: string;
}

/** SQL for a field's column in the Glue table. */
export function athenaColumn(field: string): string {
  return quoteIdentifier(glueColumnName(field));
}

function timestampLiteral(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) throw new RangeError(`not an ISO 8601 time: ${iso}`);
  return `TIMESTAMP '${t.toISOString().replace('T', ' ').replace('Z', '')}'`;
}

/** `WITH batches AS (...), profiles AS (...)`: ends without a trailing comma; select from `profiles`. */
export function athenaProfilesCte(src: AthenaProfileSource): string {
  if (src.batches.length === 0) throw new RangeError(`table ${src.table}: no current batches, so no profiles to query`);
  const values = src.batches.map((b) => `(${quoteString(b.batchId)}, ${timestampLiteral(b.ingestedAt)})`).join(', ');
  const cols = src.fields.map((f) => `r.${athenaColumn(f)}`).join(', ');
  const modified = src.mergeField !== undefined ? `coalesce(r.${athenaColumn(src.mergeField)}, r.ingested_at)` : 'r.ingested_at';
  const table = `${quoteIdentifier(src.database)}.${quoteIdentifier(src.table)}`;
  return (
    `WITH batches (batch_id, ingested_at) AS (VALUES ${values}), ` +
    `records AS (SELECT t.*, b.ingested_at FROM ${table} t JOIN batches b ON t."batch" = b.batch_id), ` +
    `profiles AS (SELECT ${src.fields.map((f) => athenaColumn(f)).join(', ')} FROM (SELECT ${cols}, row_number() OVER (PARTITION BY r.${athenaColumn(src.identityField)} ORDER BY ${modified} DESC, r.ingested_at DESC, r."batch" DESC) AS merge_rank FROM records r) ranked WHERE merge_rank = 1)`
  );
}
