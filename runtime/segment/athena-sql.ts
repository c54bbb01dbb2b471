// Segmentation on Athena (Environment `segmentation.engine: athena`): the statements the segment
// function would run in the environment's workgroup, from the same compiled rules and the same
// membership SELECT as DuckDB (membership-sql.ts), over the dataset's Glue table.
//   1. CTAS: one pass over the profiles into a Parquet table of identity + one boolean per
//      audience (profiles in at least one audience only), under athena-results/segment/.
//   2. Per audience, UNLOAD of its members to audiences/<audience>/run=<runId>/members/ (a
//      folder of Parquet files, where DuckDB writes one members.parquet).
//   3. DROP TABLE of the CTAS table once exports have read it (its files stay until the
//      athena-results/ lifecycle removes them).
// Each statement comes with its SELECT, which tests run in DuckDB to prove its meaning.

import { quoteIdentifier, quoteString } from '../../audience-rules';
import { audiencePrefix } from '../layout';
import { athenaColumn, athenaProfilesCte, AthenaProfileSource } from './athena-profile-view';
import { memberColumn, membershipSelectSql } from './membership-sql';
import type { DatasetSegmentation } from './plan';

export interface AthenaStatement {
  /** The statement to send to Athena. */
  readonly sql: string;
  /** Its query part (a SELECT, possibly with a WITH clause). */
  readonly select: string;
}

export interface AthenaSegmentation {
  readonly database: string;
  /** The CTAS table of this run and dataset. */
  readonly membershipTable: string;
  readonly ctas: AthenaStatement;
  /** Per audience, in plan order. */
  readonly unloads: readonly (AthenaStatement & { readonly audience: string; readonly location: string })[];
  readonly drop: string;
}

/** Glue-safe name of a run's membership table: `segment_<runid>_<dataset>`, lower case. */
export function membershipTableName(runId: string, dataset: string): string {
  return `segment_${runId}_${dataset}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/**
 * `plan` must have been compiled with `{ column: athenaColumn }` (Glue column names):
 * planSegmentation(manifest, names, { column: athenaColumn }).
 * `tag` tells apart invocations of one run time that evaluate different audiences of a dataset
 * (the scheduler invokes once per audience): it is appended to the table name and its location.
 * athena-segment.ts passes audienceSetTag(plan). @default - none
 */
export function athenaSegmentationSql(plan: DatasetSegmentation, src: AthenaProfileSource, lakeBucket: string, runId: string, tag?: string): AthenaSegmentation {
  const table = tag === undefined ? membershipTableName(runId, plan.dataset) : `${membershipTableName(runId, plan.dataset)}_${tag.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const qualified = `${quoteIdentifier(src.database)}.${quoteIdentifier(table)}`;
  const select = `${athenaProfilesCte(src)} ${membershipSelectSql('profiles', plan.identityField, { identity: athenaColumn(plan.identityField), predicates: plan.audiences.map((a) => a.predicateSql) })}`;
  const location = `s3://${lakeBucket}/athena-results/segment/run=${runId}/${plan.dataset}/${tag === undefined ? '' : `${tag}/`}`;
  const ctas = `CREATE TABLE ${qualified} WITH (format = 'PARQUET', write_compression = 'SNAPPY', external_location = ${quoteString(location)}) AS ${select}`;
  const unloads = plan.audiences.map((a, i) => {
    const members = `SELECT ${quoteIdentifier(plan.identityField)} FROM ${qualified} WHERE ${memberColumn(i)} ORDER BY 1`;
    const to = `s3://${lakeBucket}/${audiencePrefix(a.name)}run=${runId}/members/`;
    return { audience: a.name, location: to, select: members, sql: `UNLOAD (${members}) TO ${quoteString(to)} WITH (format = 'PARQUET', compression = 'SNAPPY')` };
  });
  return { database: src.database, membershipTable: table, ctas: { sql: ctas, select }, unloads, drop: `DROP TABLE IF EXISTS ${qualified}` };
}
