// `prospect audience preview NAME`: one audience over the current profiles, without writing
// anything: its size and a sample (the first N members by identity, with the fields the rule
// reads, as text).

import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier } from '../../audience-rules';
import { fieldTextSql } from '../export/field-text';
import type { RuntimeManifest } from '../manifest';
import { planSegmentation } from './plan';
import { countRows, requireColumns, tableRef } from './profile-table';

export interface AudiencePreview {
  readonly audience: string;
  readonly dataset: string;
  readonly rule: string;
  readonly predicateSql: string;
  /** Members. */
  readonly size: number;
  /** Profiles evaluated. */
  readonly profiles: number;
  /** Identity field first, then the fields the rule reads. */
  readonly columns: readonly string[];
  /** Up to `sampleSize` members, lowest identity first; values as text, null when missing. */
  readonly sample: readonly Readonly<Record<string, string | null>>[];
}

export interface PreviewOptions {
  /** @default 10 */
  readonly sampleSize?: number;
}

export async function previewAudience(
  connection: DuckDBConnection,
  manifest: RuntimeManifest,
  audience: string,
  profileTable: (dataset: string) => string,
  options: PreviewOptions = {},
): Promise<AudiencePreview> {
  const sampleSize = options.sampleSize ?? 10;
  if (!Number.isSafeInteger(sampleSize) || sampleSize < 0) throw new RangeError(`sample size must be a non-negative integer, got ${sampleSize}`);
  const [ds] = planSegmentation(manifest, [audience]);
  const a = ds.audiences[0];
  const table = profileTable(ds.dataset);
  const columns = [ds.identityField, ...a.fields.filter((f) => f !== ds.identityField)];
  await requireColumns(connection, table, columns);
  const from = tableRef(table);
  const sizeReader = await connection.runAndReadAll(`SELECT count(*) AS n FROM ${from} WHERE ${a.predicateSql}`);
  const size = Number(sizeReader.getRowObjectsJS()[0].n);
  const select = columns.map((c, i) => `${fieldTextSql(quoteIdentifier(c), ds.fields[c].type)} AS c${i}`).join(', ');
  const sampleReader = await connection.runAndReadAll(`SELECT ${select} FROM ${from} WHERE ${a.predicateSql} ORDER BY ${quoteIdentifier(ds.identityField)} LIMIT ${sampleSize}`);
  const sample = sampleReader.getRowsJS().map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] === null ? null : String(row[i])])));
  return { audience: a.name, dataset: ds.dataset, rule: a.rule, predicateSql: a.predicateSql, size, profiles: await countRows(connection, table), columns, sample };
}
