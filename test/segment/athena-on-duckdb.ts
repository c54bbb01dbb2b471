// Athena played by DuckDB, for handler tests: the dataset's Glue table built from the ingested
// batch files (lower-case columns, `batch` partition column), and an `execute` hook for
// test/support/athena-server.ts that runs each statement the runner sends: CTAS as CREATE TABLE,
// UNLOAD as COPY to Parquet in the local store (where S3 would hold it), SELECT as is. The SQL
// text is the generated text: DuckDB accepts the subset athena-sql.ts writes.

import type { DuckDBConnection } from '@duckdb/node-api';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { quoteIdentifier, quoteString } from '../../audience-rules';
import { glueColumnName } from '../../constructs/private/glue-columns';
import { PARQUET_TYPES } from '../../runtime/ingest/value-rules';
import type { LocalObjectStore } from '../../runtime/local-object-store';
import type { RuntimeManifest } from '../../runtime/manifest';
import { publishedBatches } from '../../runtime/published-batches';
import type { ScriptedQuery } from '../support/athena-server';

export async function createGlueTable(c: DuckDBConnection, store: LocalObjectStore, manifest: RuntimeManifest, dataset: string, now: Date): Promise<void> {
  const ds = manifest.datasets[dataset];
  const fields = manifest.schemas[ds.schema].allFields;
  const db = quoteIdentifier(manifest.environment.glueDatabase);
  await c.run(`CREATE SCHEMA IF NOT EXISTS ${db}`);
  const parts: string[] = [];
  for (const b of (await publishedBatches(store, manifest, dataset, now)).current) {
    const file = quoteString(store.pathOf(b.outputs.data!.bucket, b.outputs.data!.key));
    const present = new Set(((await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${file})`)).getRowObjectsJS() as { column_name: string }[]).map((r) => r.column_name));
    const cols = Object.entries(fields).map(([f, spec]) => `CAST(${present.has(f) ? quoteIdentifier(f) : 'NULL'} AS ${PARQUET_TYPES[spec.type]}) AS ${quoteIdentifier(glueColumnName(f))}`);
    parts.push(`SELECT ${cols.join(', ')}, ${quoteString(b.batchId)} AS batch FROM read_parquet(${file})`);
  }
  await c.run(`CREATE OR REPLACE TABLE ${db}.${quoteIdentifier(ds.glueTable)} AS ${parts.join(' UNION ALL ')}`);
}

const CTAS = /^CREATE TABLE ("[^"]+"\."[^"]+") WITH \((?:[^)']|'[^']*')*\) AS (.*)$/s;
const UNLOAD = /^UNLOAD \((.*)\) TO '(s3:\/\/([^/]+)\/([^']+))' WITH \(format = 'PARQUET', compression = 'SNAPPY'\)$/s;

/** Runs statements in DuckDB as Athena would; UNLOAD writes part-00000.parquet under the location in `store`. */
export function duckDbAthena(c: DuckDBConnection, store: LocalObjectStore): (sql: string) => Promise<ScriptedQuery> {
  return async (sql) => {
    const ctas = CTAS.exec(sql);
    if (ctas) {
      await c.run(`CREATE TABLE ${ctas[1]} AS ${ctas[2]}`);
      return { states: ['QUEUED', 'RUNNING', 'SUCCEEDED'] };
    }
    const unload = UNLOAD.exec(sql);
    if (unload) {
      const file = store.pathOf(unload[3], `${unload[4]}part-00000.parquet`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await c.run(`COPY (${unload[1]}) TO ${quoteString(file)} (FORMAT PARQUET)`);
      return { states: ['RUNNING', 'SUCCEEDED'] };
    }
    if (/^(WITH|SELECT) /.test(sql)) {
      const r = await c.runAndReadAll(sql);
      return { states: ['RUNNING', 'SUCCEEDED'], columns: r.columnNames(), rows: (r.getRowsJS() as unknown[][]).map((row) => row.map((v) => (v === null ? null : String(v)))) };
    }
    return { states: ['FAILED'], reason: `not served by the DuckDB stand-in: ${sql.slice(0, 40)}` };
  };
}
