// The rows of one audience's export as one SELECT: the members joined to the current profiles,
// de-duplicated on the dedup fields (the row with the lowest identity of each group is kept;
// missing values count as equal), sorted by identity. Only the identity and the listed
// attributes leave the profile table. Plain SQL that DuckDB and Athena (Trino) both accept: no
// QUALIFY, no DISTINCT ON.

import { quoteIdentifier } from '../../audience-rules';
import type { ExportColumn } from './export-plan';

export interface ExportSelect {
  /** SQL text of the profile table. */
  readonly profiles: string;
  /** SQL text of a relation whose column `membersColumn` holds the members' identities. */
  readonly members: string;
  readonly membersColumn: string;
  readonly identityField: string;
  readonly columns: readonly ExportColumn[];
  readonly dedupFields: readonly string[];
  /** SQL for a profile column. @default - the field path quoted as one identifier */
  readonly column?: (field: string) => string;
  /** SQL for an output value, given the value's SQL. @default - the value as is */
  readonly value?: (sql: string, c: ExportColumn) => string;
  /** Output column name (unquoted). @default - the column's name */
  readonly outputName?: (c: ExportColumn, index: number) => string;
  /** Adds a first column of this name numbering the rows 1, 2, ... in output order. @default - none */
  readonly rowNumber?: string;
}

export function exportSelectSql(s: ExportSelect): string {
  const col = s.column ?? quoteIdentifier;
  const value = s.value ?? ((sql: string) => sql);
  const outputName = s.outputName ?? ((c: ExportColumn) => c.name);
  const fields = [...new Set([s.identityField, ...s.columns.map((c) => c.field), ...s.dedupFields])];
  const alias = (f: string) => `f${fields.indexOf(f)}`;
  const id = col(s.identityField);
  const rank = s.dedupFields.length > 0 ? `, row_number() OVER (PARTITION BY ${s.dedupFields.map(col).join(', ')} ORDER BY ${id}) AS dedup_rank` : '';
  const inner = `SELECT ${fields.map((f) => `${col(f)} AS ${alias(f)}`).join(', ')}${rank} FROM ${s.profiles} WHERE ${id} IN (SELECT ${quoteIdentifier(s.membersColumn)} FROM ${s.members})`;
  const numbered = s.rowNumber === undefined ? '' : `row_number() OVER (ORDER BY e.${alias(s.identityField)}) AS ${quoteIdentifier(s.rowNumber)}, `;
  const outputs = numbered + s.columns.map((c, i) => `${value(`e.${alias(c.field)}`, c)} AS ${quoteIdentifier(outputName(c, i))}`).join(', ');
  const where = s.dedupFields.length > 0 ? ' WHERE e.dedup_rank = 1' : '';
  return `SELECT ${outputs} FROM (${inner}) e${where} ORDER BY e.${alias(s.identityField)}`;
}
