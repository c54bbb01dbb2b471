// How DuckDB reads a partner file as text: one VARCHAR per mapped column, whatever the format,
// so that every value goes through the same checks. CSV is read with explicit all-text columns
// (no type sniffing: a ZIP code keeps its leading zero) and rows it cannot split are stored in
// a rejects table instead of being lost; JSON lines are read one line per row and parsed in SQL,
// so a broken line is a rejected record too.

import type { IngestPlan, MappedColumn } from './ingest-plan';
import { readFirstRecord } from './csv-header';
import { InputFileError } from './input-file';
import { reasons } from './reasons';
import { sqlIdent, sqlString } from './sql-text';
import type { DuckDbSession } from './duckdb-session';

/** Rows DuckDB's CSV reader could not parse land in this table. */
export const CSV_REJECTS_TABLE = 'csv_rejects';
const CSV_SCANS_TABLE = 'csv_scans';

/** The longest record accepted (a 10 MB field fits); longer ones are rejected records. */
export const MAX_RECORD_BYTES = 12 * 1024 * 1024;
/** DuckDB's read buffer. At less than twice MAX_RECORD_BYTES, DuckDB 1.5 drops a record longer than half the buffer that spans two buffers (found with a 10 MB field and a 16 MB buffer). */
const READ_BUFFER_BYTES = 2 * MAX_RECORD_BYTES;

export interface RawReader {
  /** Table expression yielding the file's rows, in file order. */
  readonly fromSql: string;
  /** Text of a mapped column (VARCHAR; NULL when absent or empty, never ''). */
  readonly textOf: (column: MappedColumn) => string;
  /** The raw row as JSON (a JSON value), for rejected records. */
  readonly rawSql: string;
  /** A reason that rejects the whole record (broken JSON), or NULL. */
  readonly recordReasonSql?: string;
  /** Extra reasons about the shape of values (JSON objects where a value belongs), or NULL. */
  readonly shapeReasonsSql?: string[];
  /** Rows that are not records (blank JSON lines). */
  readonly skipSql?: string;
  /** The reader stores unparseable rows in CSV_REJECTS_TABLE. */
  readonly storesRejects: boolean;
  /** Lines before the first record (a CSV header). */
  readonly headerLines: number;
  /** Columns a CSV record must have. */
  readonly expectedColumns: number;
  readonly quote: string;
}

function rejectsOptions(): string {
  return `store_rejects = true, rejects_table = ${sqlString(CSV_REJECTS_TABLE)}, rejects_scan = ${sqlString(CSV_SCANS_TABLE)}, max_line_size = ${MAX_RECORD_BYTES}, buffer_size = ${READ_BUFFER_BYTES}`;
}

export async function csvReader(file: string, plan: IngestPlan): Promise<RawReader | 'empty'> {
  const format = plan.source.format;
  const header = format.header !== false;
  const first = await readFirstRecord(file, format);
  if (first === undefined) return 'empty';
  const names = header ? first : first.map((_, i) => String(i + 1));
  const position = new Map<string, number>();
  names.forEach((n, i) => {
    if (!position.has(n)) position.set(n, i + 1);
  });
  const missing = plan.columns.filter((c) => !position.has(c.column));
  if (missing.length) {
    const hint = (c: MappedColumn) => {
      const near = names.find((n) => n.trim().toLowerCase() === c.column.trim().toLowerCase());
      return near !== undefined ? ` (the file has ${JSON.stringify(near)}: fix the case or spaces in spec.mapping)` : '';
    };
    const what = header ? `the header has ${names.map((n) => JSON.stringify(n)).join(', ')}` : `the first record has ${names.length} columns`;
    throw new InputFileError(
      `${missing.map((c) => `column ${JSON.stringify(c.column)} (mapped to ${c.field})${hint(c)}`).join('; ')} not found in the file: ${what}. Check format.delimiter (${JSON.stringify(format.delimiter ?? ',')}) and spec.mapping`,
    );
  }
  const quote = format.quote ?? '"';
  const columns = `{${names.map((_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ')}}`;
  // Empty fields, quoted ("") or not, are read as NULL.
  const fromSql = `read_csv(${sqlString(file)}, columns = ${columns}, header = ${header}, delim = ${sqlString(format.delimiter ?? ',')}, quote = ${sqlString(quote)}, escape = ${sqlString(quote)}, auto_detect = false, strict_mode = true, ${rejectsOptions()})`;
  return {
    fromSql,
    textOf: (c) => `c${position.get(c.column)}`,
    rawSql: `json_object(${names.map((n, i) => `${sqlString(n)}, c${i + 1}`).join(', ')})`,
    storesRejects: true,
    headerLines: header ? 1 : 0,
    expectedColumns: names.length,
    quote,
  };
}

export function jsonReader(file: string, plan: IngestPlan): RawReader {
  const paths = `[${plan.columns.map((c) => sqlString(`$.${JSON.stringify(c.column)}`)).join(', ')}]`;
  const index = new Map(plan.columns.map((c, i) => [c, i + 1]));
  // One column per line: no delimiter or quote can occur (JSON escapes control characters).
  const lines = `read_csv(${sqlString(file)}, columns = {'line': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '', auto_detect = false, ${rejectsOptions()})`;
  // `j` is the line when it is valid JSON (JSON functions raise on anything else), so that
  // nothing below ever parses a broken line.
  const valid = `(SELECT line, CASE WHEN json_valid(line) THEN line END AS j FROM (SELECT ltrim(line, chr(65279)) AS line FROM ${lines}))`;
  const isObject = `json_type(j) = 'OBJECT'`;
  const fromSql = `(SELECT line, j, CASE WHEN ${isObject} THEN json_extract_string(j, ${paths}) END AS v, CASE WHEN ${isObject} THEN json_type(j, ${paths}) END AS t FROM ${valid})`;
  return {
    fromSql,
    textOf: (c) => `NULLIF(v[${index.get(c)}], '')`,
    rawSql: `CASE WHEN j IS NOT NULL THEN CAST(j AS JSON) ELSE to_json(line) END`,
    recordReasonSql: `CASE WHEN j IS NULL THEN ${sqlString(reasons.invalidJson())} WHEN json_type(j) <> 'OBJECT' THEN ${sqlString(reasons.notJsonObject())} END`,
    shapeReasonsSql: plan.columns.map((c) => `CASE WHEN t[${index.get(c)}] IN ('OBJECT', 'ARRAY') THEN ${sqlString(reasons.notScalar(c.column))} END`),
    skipSql: `(line IS NULL OR trim(line) = '')`,
    storesRejects: true,
    headerLines: 0,
    expectedColumns: 1,
    quote: '\u0000',
  };
}

export async function parquetReader(file: string, plan: IngestPlan, db: DuckDbSession): Promise<RawReader> {
  let described: Record<string, unknown>[];
  try {
    described = await db.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  } catch (e) {
    throw new InputFileError(`the file cannot be read as Parquet (${(e as Error).message.split('\n')[0]}): it may be truncated or not Parquet`);
  }
  const names = described.map((r) => String(r.column_name));
  const missing = plan.columns.filter((c) => !names.includes(c.column));
  if (missing.length) {
    throw new InputFileError(
      `${missing.map((c) => `column ${JSON.stringify(c.column)} (mapped to ${c.field})`).join('; ')} not found in the Parquet file, which has ${names.map((n) => JSON.stringify(n)).join(', ')}: fix spec.mapping`,
    );
  }
  const index = new Map(plan.columns.map((c, i) => [c, i + 1]));
  const texts = plan.columns.map((c) => `NULLIF(CAST(${sqlIdent(c.column)} AS VARCHAR), '') AS c${index.get(c)}`).join(', ');
  return {
    fromSql: `(SELECT ${texts} FROM read_parquet(${sqlString(file)}))`,
    textOf: (c) => `c${index.get(c)}`,
    rawSql: `json_object(${plan.columns.map((c) => `${sqlString(c.column)}, c${index.get(c)}`).join(', ')})`,
    storesRejects: false,
    headerLines: 0,
    expectedColumns: names.length,
    quote: '"',
  };
}
