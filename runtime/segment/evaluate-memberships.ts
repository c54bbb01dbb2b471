// Evaluates a dataset's audiences over its profile table in DuckDB, in one pass, and writes each
// audience's members (the identity column, sorted) to a local Parquet file.
//
// One audience: a single COPY (SELECT id WHERE rule ORDER BY id) - the query one would write by
// hand. Several: one scan evaluates every rule once per profile into a temp table of identity
// plus membership bits (membershipMaskSql), sorted by identity once; each audience's file is
// then a filtered copy of that narrow table, which keeps the sort order.

import type { DuckDBConnection } from '@duckdb/node-api';
import * as path from 'node:path';
import { quoteIdentifier, quoteString } from '../../audience-rules';
import { audienceMembersSql, maskBit, membershipMaskSql } from './membership-sql';
import type { DatasetSegmentation } from './plan';
import { countRows, requireColumns, tableRef } from './profile-table';

export interface MembershipFile {
  readonly audience: string;
  /** Local Parquet file with one column, named by the identity field. */
  readonly file: string;
  readonly count: number;
}

export interface MembershipResult {
  readonly profiles: number;
  readonly audiences: readonly MembershipFile[];
}

let tempCounter = 0;
let fileCounter = 0;

export interface EvaluateOptions {
  /** Rows of the profile table, when the caller knows it (openProfiles does). @default counted */
  readonly profiles?: number;
}

/**
 * Writes each audience's members to a Parquet file in `workDir`. A profile table that lacks a
 * field a rule reads fails with MissingProfileColumnError naming every missing field.
 */
export async function evaluateMemberships(connection: DuckDBConnection, profileTable: string, plan: DatasetSegmentation, workDir: string, options: EvaluateOptions = {}): Promise<MembershipResult> {
  try {
    return await evaluate(connection, profileTable, plan, workDir, options);
  } catch (e) {
    // Checked only on failure: a clear message instead of DuckDB's binder error, at no cost to a good run.
    await requireColumns(connection, profileTable, [plan.identityField, ...plan.audiences.flatMap((a) => a.fields)]);
    throw e;
  }
}

async function evaluate(connection: DuckDBConnection, profileTable: string, plan: DatasetSegmentation, workDir: string, options: EvaluateOptions): Promise<MembershipResult> {
  const from = tableRef(profileTable);
  const id = quoteIdentifier(plan.identityField);
  const profiles = options.profiles ?? (await countRows(connection, profileTable));
  const call = ++fileCounter;
  const fileOf = (i: number) => path.join(workDir, `members-${call}-${i}.parquet`);
  const copy = async (select: string, file: string): Promise<number> => {
    const result = await connection.run(`COPY (${select}) TO ${quoteString(file)} (FORMAT parquet)`);
    return Number(result.rowsChanged);
  };

  if (plan.audiences.length === 1) {
    const a = plan.audiences[0];
    const count = await copy(`${audienceMembersSql(from, id, plan.identityField, a.predicateSql)} ORDER BY 1`, fileOf(0));
    return { profiles, audiences: [{ audience: a.name, file: fileOf(0), count }] };
  }

  const temp = quoteIdentifier(`__prospect_members_${process.pid}_${++tempCounter}`);
  const select = membershipMaskSql(from, plan.identityField, { identity: id, predicates: plan.audiences.map((a) => a.predicateSql) });
  await connection.run(`CREATE TEMP TABLE ${temp} AS ${select} ORDER BY 1`);
  try {
    // A filtered scan keeps the table's (identity) order while preserve_insertion_order is on (the default).
    const order = (await preservesInsertionOrder(connection)) ? '' : ' ORDER BY 1';
    const out: MembershipFile[] = [];
    for (let i = 0; i < plan.audiences.length; i++) {
      const { column, bit } = maskBit(i);
      const count = await copy(`SELECT ${quoteIdentifier(plan.identityField)} FROM ${temp} WHERE ${column} & ${bit} <> 0${order}`, fileOf(i));
      out.push({ audience: plan.audiences[i].name, file: fileOf(i), count });
    }
    return { profiles, audiences: out };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${temp}`);
  }
}

async function preservesInsertionOrder(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(`SELECT current_setting('preserve_insertion_order') AS v`);
  return reader.getRowObjectsJS()[0].v === true;
}
