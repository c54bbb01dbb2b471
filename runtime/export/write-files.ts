// Writes one audience's export rows (a DuckDB table numbered by `export_row`, one text column per
// output column for csv and json, typed columns for parquet) into files of at most
// maxRowsPerFile rows, each first to a local file (so its size and SHA-256 are known before it is
// sent) and then to the sink. An audience with no rows still gets one file (a CSV with only its
// header, an empty JSON-lines file, a Parquet file without rows), so consumers see the run.

import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { quoteIdentifier, quoteString } from '../../audience-rules';
import { csvRecord } from './csv-writer';
import type { ActivationPlan } from './export-plan';
import type { FileSink } from './file-sink';
import { isJsonBare } from './field-text';
import { jsonLineEncoder } from './json-lines-writer';

export const EXPORT_ROW = 'export_row';

export interface WrittenFile {
  /** File name relative to the destination's base. */
  readonly name: string;
  /** Object key or remote path written. */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** Hex SHA-256 of the bytes as written (after compression). */
  readonly sha256: string;
}

/** Size and hex SHA-256 of a local file. */
async function measure(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Rows of a streamed DuckDB result, pulled a part at a time. */
class RowCursor {
  private rows: (string | null)[][] = [];
  private at = 0;
  constructor(private readonly chunks: AsyncIterator<{ getRows(): unknown[][] }>) {}
  async next(): Promise<(string | null)[] | undefined> {
    while (this.at >= this.rows.length) {
      const c = await this.chunks.next();
      if (c.done) return undefined;
      this.rows = c.value.getRows() as (string | null)[][];
      this.at = 0;
    }
    return this.rows[this.at++];
  }
}

export interface WriteAudienceFiles {
  readonly connection: DuckDBConnection;
  /** Table with EXPORT_ROW and the output columns. */
  readonly table: string;
  readonly rowCount: number;
  readonly plan: ActivationPlan;
  /** One name per part; its length is the number of parts. */
  readonly names: readonly string[];
  readonly sink: FileSink;
  readonly workDir: string;
}

/** Number of files for `rows` rows. */
export function partCount(rows: number, maxRowsPerFile?: number): number {
  return maxRowsPerFile === undefined ? 1 : Math.max(1, Math.ceil(rows / maxRowsPerFile));
}

export async function writeAudienceFiles(w: WriteAudienceFiles): Promise<WrittenFile[]> {
  const { plan, names } = w;
  const perFile = plan.file.maxRowsPerFile ?? Number.MAX_SAFE_INTEGER;
  const outputs = plan.columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const written: WrittenFile[] = [];
  const local = (i: number) => path.join(w.workDir, `part-${i}`);

  let cursor: RowCursor | undefined;
  if (plan.file.format !== 'parquet') {
    const result = await w.connection.stream(`SELECT ${outputs} FROM ${w.table} ORDER BY ${EXPORT_ROW}`);
    cursor = new RowCursor(result[Symbol.asyncIterator]());
  }
  for (let i = 0; i < names.length; i++) {
    const rows = Math.max(0, Math.min(perFile, w.rowCount - i * perFile));
    const file = local(i);
    if (plan.file.format === 'parquet') {
      const codec = plan.file.compression === 'gzip' ? 'gzip' : 'uncompressed';
      const range = `${EXPORT_ROW} > ${i * perFile} AND ${EXPORT_ROW} <= ${i * perFile + rows}`;
      await w.connection.run(`COPY (SELECT ${outputs} FROM ${w.table} WHERE ${range} ORDER BY ${EXPORT_ROW}) TO ${quoteString(file)} (FORMAT parquet, COMPRESSION ${codec})`);
    } else {
      const source = Readable.from(textOf(plan, cursor!, rows));
      if (plan.file.compression === 'gzip') await pipeline(source, createGzip(), fs.createWriteStream(file));
      else await pipeline(source, fs.createWriteStream(file));
    }
    const { bytes, sha256 } = await measure(file);
    const remote = await w.sink.write(names[i], fs.createReadStream(file));
    fs.rmSync(file, { force: true });
    written.push({ name: names[i], path: remote, rows, bytes, sha256 });
  }
  return written;
}

/** The text of one csv or json file: the header (csv with header: in every part, so each file stands alone), then `rows` records, in ~64 KiB buffers. */
async function* textOf(plan: ActivationPlan, cursor: RowCursor, rows: number): AsyncGenerator<Buffer> {
  let buf = '';
  const csv = plan.file.csv;
  let encode: (v: readonly (string | null)[]) => string;
  if (plan.file.format === 'csv' && csv) {
    if (csv.header) buf += csvRecord(plan.columns.map((c) => c.name), csv);
    encode = (v) => csvRecord(v, csv);
  } else {
    encode = jsonLineEncoder(plan.columns.map((c) => ({ name: c.name, bare: isJsonBare(c.type) })));
  }
  for (let n = 0; n < rows; n++) {
    const row = await cursor.next();
    if (row === undefined) throw new Error(`export rows ended after ${n} of ${rows} rows in this file`);
    buf += encode(row);
    if (buf.length >= 65536) {
      yield Buffer.from(buf, 'utf8');
      buf = '';
    }
  }
  if (buf.length > 0) yield Buffer.from(buf, 'utf8');
}
