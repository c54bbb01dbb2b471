// The single DuckDB pass over a partner file and what is derived from it. The file is parsed
// once: every record gets its typed values and its list of reasons, stored in file order in a
// work table (raw text is kept only for rejected records; DuckDB spills the table to the work
// folder beyond its memory limit). The accepted Parquet, the rejected JSON lines, the counts and
// the reasons by count are then read from that table. (Measured: faster than a work Parquet
// file, and the partner file is never parsed twice.)
//
// Record numbers: the table keeps the order of the records DuckDB could parse (rowid n-1 is the
// n-th such record); records DuckDB could not parse (CSV rejects) come with their own number
// and are merged in (see `shifts`).

import { blankLineNumbers } from './csv-blank-lines';
import type { DuckDbSession } from './duckdb-session';
import { patternsOf, recordReasonsSql, REASON_SEPARATOR_SQL, typedValueSql } from './field-checks-sql';
import type { IngestPlan } from './ingest-plan';
import { InputFileError } from './input-file';
import { CSV_REJECTS_TABLE, MAX_RECORD_BYTES, RawReader } from './raw-reader';
import { csvStructureReason } from './reasons';
import { sqlIdent, sqlString } from './sql-text';
import { PARQUET_TYPES } from './value-rules';

export interface CheckCounts {
  /** Records read: accepted + rejected, always. */
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Reason -> number of records with it, most frequent first. */
  readonly reasons: Readonly<Record<string, number>>;
}

const KNOWN_CSV_ERRORS = ['MISSING COLUMNS', 'TOO MANY COLUMNS', 'UNQUOTED VALUE', 'INVALID ENCODING', 'LINE SIZE OVER MAXIMUM'];

/** The fields' pattern must run in DuckDB's RE2 (no look-around, no back-references). */
export async function checkPatterns(db: DuckDbSession, plan: IngestPlan): Promise<void> {
  const problems: string[] = [];
  for (const { field, pattern } of patternsOf(plan)) {
    try {
      await db.rows(`SELECT regexp_matches('', ${sqlString(pattern)})`);
    } catch (e) {
      problems.push(`field ${field}: pattern ${JSON.stringify(pattern)} is not supported (${(e as Error).message.split('\n')[0]}); use RE2 syntax: no look-around or back-references`);
    }
  }
  if (problems.length) throw new InputFileError(`schema ${plan.schemaName} cannot be checked: ${problems.join('; ')}`);
}

export class CheckedBatch {
  private structuralRows = 0;

  constructor(
    private readonly db: DuckDbSession,
    private readonly plan: IngestPlan,
    private readonly reader: RawReader,
    private readonly inputPath: string,
  ) {}

  /** Pass 1, then the counts. */
  async check(): Promise<CheckCounts> {
    const { plan, reader, db } = this;
    let reasonsExpr = recordReasonsSql(plan, reader.textOf, (i) => `f${i}`);
    if (reader.shapeReasonsSql) reasonsExpr = `concat_ws(${REASON_SEPARATOR_SQL}, ${reader.shapeReasonsSql.join(', ')}, NULLIF(${reasonsExpr}, ''))`;
    if (reader.recordReasonSql) reasonsExpr = `coalesce(${reader.recordReasonSql}, ${reasonsExpr})`;
    if (reader.skipSql) reasonsExpr = `CASE WHEN ${reader.skipSql} THEN NULL ELSE ${reasonsExpr} END`;
    const typed = plan.columns.map((c, i) => `${typedValueSql(c.spec, reader.textOf(c))} AS f${i}`);
    const fields = plan.columns.map((_, i) => `f${i}`);
    try {
      // Innermost: the file as text; then typed values (once per row); then reasons over both.
      await db.run(`CREATE OR REPLACE TEMP TABLE checked AS
  SELECT ${[...fields, 'reasons', `CASE WHEN reasons <> '' THEN CAST(${reader.rawSql} AS VARCHAR) END AS raw`].join(', ')}
  FROM (SELECT *, ${reasonsExpr} AS reasons
        FROM (SELECT *, ${typed.join(',\n    ')} FROM ${reader.fromSql}))`);
    } catch (e) {
      throw new InputFileError(`the file cannot be read as ${plan.source.format.type}: ${(e as Error).message.split('\n')[0]}`);
    }
    await this.collectStructuralRejects();
    await db.run(`CREATE OR REPLACE TEMP VIEW rejected_numbered AS ${this.rejectedNumberedSql()}`);

    const [counts] = await db.rows(
      `SELECT count(*) FILTER (WHERE reasons = '') AS accepted, count(*) FILTER (WHERE reasons <> '') AS rejected FROM checked`,
    );
    const accepted = Number(counts.accepted);
    const rejected = Number(counts.rejected) + this.structuralRows;
    const reasonRows = await db.rows(`SELECT reason, count(*) AS n FROM (
  SELECT unnest(string_split(reasons, ${REASON_SEPARATOR_SQL})) AS reason FROM checked WHERE reasons <> ''
  UNION ALL SELECT unnest(reasons) AS reason FROM structural
) GROUP BY reason ORDER BY n DESC, reason`);
    const reasons: Record<string, number> = {};
    for (const r of reasonRows) reasons[String(r.reason)] = Number(r.n);
    return { rowsRead: accepted + rejected, accepted, rejected, reasons };
  }

  /** Rejected records as JSON lines `{"record", "reasons", "raw"}`, by record number. */
  async writeRejected(file: string): Promise<void> {
    await this.db.run(`COPY (
  SELECT record, reasons, raw FROM (
    SELECT record, string_split(reasons, ${REASON_SEPARATOR_SQL}) AS reasons, CAST(raw AS JSON) AS raw FROM rejected_numbered
    UNION ALL
    SELECT record, reasons, to_json(raw) AS raw FROM structural
  ) ORDER BY record
) TO ${sqlString(file)} (FORMAT json)`);
  }

  /**
   * Accepted records as the dataset's Parquet: every schema field, typed. `_id` is
   * `<batchId>-<n>`, n the record's position among the records the reader parsed (the record
   * number when the file has no unparseable rows): unique, the same on every run, and the order
   * of records within the batch (see recordPositionSql).
   */
  async writeAccepted(file: string, batchId: string): Promise<void> {
    const mapped = new Map(this.plan.columns.map((c, i) => [c.field, `f${i}`]));
    const columns = this.plan.datasetFields.map(({ path: field, type }) => {
      const value =
        mapped.get(field) ??
        (field === '_id'
          ? `${sqlString(batchId + '-')} || (rowid + 1)`
          : field === 'createdByBatchId' || field === 'modifiedByBatchId'
            ? sqlString(batchId)
            : `CAST(NULL AS ${PARQUET_TYPES[type]})`);
      return `${value} AS ${sqlIdent(field)}`;
    });
    // Measured on the example's 1M-row file, this step took longer than DuckDB's whole CSV ->
    // Parquet copy; two settings halve it. Row order in the file carries no meaning (`_id`
    // does), so DuckDB may write without keeping order. And dictionaries stop at 1024 values:
    // low-cardinality columns (states, bands) keep them, while unique values (ids, hashes) no
    // longer pay for building one that is thrown away (files ~4% larger).
    await this.db.run(`SET preserve_insertion_order = false`);
    try {
      await this.db.run(
        `COPY (SELECT ${columns.join(', ')} FROM checked WHERE reasons = '') TO ${sqlString(file)} (FORMAT parquet, COMPRESSION 'snappy', DICTIONARY_SIZE_LIMIT 1024)`,
      );
    } finally {
      await this.db.run(`SET preserve_insertion_order = true`);
    }
  }

  /** Rows the CSV reader could not parse, one per record, with their record number. */
  private async collectStructuralRejects(): Promise<void> {
    const { db, reader } = this;
    if (!reader.storesRejects) {
      await db.run(`CREATE OR REPLACE TEMP TABLE structural (record BIGINT, reasons VARCHAR[], raw VARCHAR)`);
      return;
    }
    // DuckDB may also drop a neighbouring record when one is longer than max_line_size (seen with
    // 1.5.6), so counts would not add up: refuse the whole file rather than lose a record.
    const [tooLong] = await db.rows(`SELECT min(line) AS line, count(*) AS n FROM ${CSV_REJECTS_TABLE} WHERE error_type = 'LINE SIZE OVER MAXIMUM'`);
    if (Number(tooLong.n) > 0) {
      throw new InputFileError(
        `${tooLong.n} record(s), the first on line ${tooLong.line}, are longer than ${MAX_RECORD_BYTES / 1024 / 1024} MiB, the longest record ingestion reads; the file cannot be split into records reliably, so nothing was published: shorten the field or split the file`,
      );
    }
    const reasonCase = `CASE error_type ${KNOWN_CSV_ERRORS.map((t) => `WHEN ${sqlString(t)} THEN ${sqlString(csvStructureReason(t, reader.expectedColumns, ''))}`).join(' ')} ELSE 'record: ' || error_message END`;
    await db.run(`CREATE OR REPLACE TEMP TABLE structural_lines AS
SELECT line, list(DISTINCT ${reasonCase} ORDER BY ${reasonCase}) AS reasons,
       regexp_replace(regexp_replace(min(csv_line), '^[\\r\\n]+', ''), '[\\r\\n]+$', '') AS raw
FROM ${CSV_REJECTS_TABLE} GROUP BY line`);
    const [stats] = await db.rows(`SELECT count(*) AS n, max(line) AS last FROM structural_lines`);
    this.structuralRows = Number(stats.n);
    // CSV: DuckDB counts blank lines (which are not records); JSON lines: blank lines are rows.
    let blanks: number[] = [];
    if (this.structuralRows > 0 && reader.skipSql === undefined) blanks = await blankLineNumbers(this.inputPath, Number(stats.last), reader.quote);
    const blankTable = blanks.length ? `(VALUES ${blanks.map((b) => `(${b})`).join(', ')}) AS b(line)` : `(SELECT 1 AS line WHERE false) AS b`;
    await db.run(`CREATE OR REPLACE TEMP TABLE structural AS
SELECT s.line - ${reader.headerLines} - (SELECT count(*) FROM ${blankTable} WHERE b.line < s.line) AS record, reasons, raw
FROM structural_lines s`);
  }

  /** Rejected work rows with their record numbers. */
  private rejectedNumberedSql(): string {
    const rows = `SELECT *, rowid + 1 AS g FROM checked WHERE reasons <> ''`;
    if (this.structuralRows === 0) return `SELECT *, g AS record FROM (${rows})`;
    // With CSV rejects at records r1 < r2 < ..., the g-th parsed row is record g + #{k : r_k - k < g}.
    return `WITH ranked AS (SELECT record, row_number() OVER (ORDER BY record) AS k FROM structural),
shifts AS (SELECT record - k AS thr, max(k) AS k FROM ranked GROUP BY thr)
SELECT c.*, c.g + coalesce(s.k, 0) AS record FROM (${rows}) c ASOF LEFT JOIN shifts s ON c.g > s.thr`;
  }
}
