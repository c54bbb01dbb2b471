// Export on Athena: one UNLOAD per audience of an activation, from the run's membership table
// (segment/athena-sql.ts) joined to the profile view, with the same export SELECT as DuckDB
// (export-sql.ts): only the identity and listed attributes, de-duplicated, typed. It writes
// Parquet to a staging prefix, exports/<activation>/run=<runId>/staging/<audience>/; the export
// function then writes the destination's files from it with the same CSV / JSON-lines / Parquet
// writers, because Athena's TEXTFILE output cannot quote and cannot name files. Output columns
// are c0, c1, ... in plan order (Trino lower-cases column names such as PARTNER_ID).

import { quoteIdentifier, quoteString } from '../../audience-rules';
import { athenaColumn, athenaProfilesCte, AthenaProfileSource } from '../segment/athena-profile-view';
import { memberColumn } from '../segment/membership-sql';
import type { AthenaStatement } from '../segment/athena-sql';
import type { ActivationPlan } from './export-plan';
import { exportSelectSql } from './export-sql';

export interface AthenaExportUnload extends AthenaStatement {
  readonly audience: string;
  readonly location: string;
}

/**
 * `membership` is the run's CTAS table and `audienceColumns` the index of each audience's
 * boolean column in it (its position in the segmentation plan).
 */
export function athenaExportSql(
  plan: ActivationPlan,
  src: AthenaProfileSource,
  membership: { readonly table: string; readonly audienceColumns: Readonly<Record<string, number>> },
  lakeBucket: string,
  runId: string,
): AthenaExportUnload[] {
  const membershipTable = `${quoteIdentifier(src.database)}.${quoteIdentifier(membership.table)}`;
  return plan.audiences.map((audience) => {
    const i = membership.audienceColumns[audience];
    if (i === undefined) throw new RangeError(`audience ${audience} is not in membership table ${membership.table}`);
    const select = `${athenaProfilesCte(src)} ${exportSelectSql({
      profiles: 'profiles',
      members: `(SELECT * FROM ${membershipTable} WHERE ${memberColumn(i)}) m`,
      membersColumn: plan.identityField,
      identityField: plan.identityField,
      columns: plan.columns,
      dedupFields: plan.dedupFields,
      column: athenaColumn,
      outputName: (_c, k) => `c${k}`,
    })}`;
    const location = `s3://${lakeBucket}/exports/${plan.activation}/run=${runId}/staging/${audience}/`;
    return { audience, location, select, sql: `UNLOAD (${select}) TO ${quoteString(location)} WITH (format = 'PARQUET', compression = 'SNAPPY')` };
  });
}
