// The profile table segmentation and export read: columns named by dotted field path (typed per
// field: VARCHAR, BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP), one row per identity. Who builds it
// (runtime/profiles.ts, a test) does not matter; this checks it has what a query needs.

import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from '../../audience-rules';
import { MissingProfileColumnError } from './errors';

/** SQL text for a table name; a qualified name (`db.schema.table`) has each part quoted. */
export function tableRef(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}

/** Column names of a table or view. */
export async function columnsOf(connection: DuckDBConnection, table: string): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(`DESCRIBE ${tableRef(table)}`);
  return new Set(reader.getRowObjectsJS().map((r) => String(r.column_name)));
}

/** Throws MissingProfileColumnError naming every field the table lacks. */
export async function requireColumns(connection: DuckDBConnection, table: string, fields: Iterable<string>): Promise<void> {
  const have = await columnsOf(connection, table);
  const missing = [...new Set(fields)].filter((f) => !have.has(f)).sort();
  if (missing.length > 0) throw new MissingProfileColumnError(table, missing);
}

/** Rows in a table. */
export async function countRows(connection: DuckDBConnection, table: string): Promise<number> {
  const reader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${tableRef(table)}`);
  return Number(reader.getRowObjectsJS()[0].n);
}
