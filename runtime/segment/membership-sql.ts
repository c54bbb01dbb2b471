// The queries that evaluate many audiences in a single pass over a dataset's profiles, from the
// compiled rules:
// - membershipSelectSql: one boolean column per audience (m0, m1, ...), keeping only profiles
//   in at least one audience. Plain SQL that Athena (Trino) also accepts (athena-sql.ts wraps
//   it in CTAS).
// - membershipMaskSql (DuckDB): the same memberships packed as bits of BIGINT columns (k0 holds
//   audiences 0-61, k1 62-123, ...), for every profile. Measured faster in DuckDB: each rule is
//   evaluated once (a WHERE on the rules evaluates them a second time) and one integer per row is
//   materialized instead of one boolean per audience (bench/segment.ts).

import { quoteIdentifier } from '../../audience-rules';

export interface MembershipColumns {
  /** SQL expression of the identity column in the profile table. */
  readonly identity: string;
  /** Compiled predicates, one per audience, in plan order. */
  readonly predicates: readonly string[];
}

/** Name of the membership column of the i-th audience. */
export function memberColumn(i: number): string {
  return `m${i}`;
}

/**
 * `SELECT <identity> AS "<identityName>", <p0> AS m0, ... FROM <from> WHERE <p0> OR <p1> ...`.
 * `from` is SQL text (already quoted).
 */
export function membershipSelectSql(from: string, identityName: string, cols: MembershipColumns): string {
  if (cols.predicates.length === 0) throw new RangeError('membershipSelectSql: no audiences');
  const flags = cols.predicates.map((p, i) => `${p} AS ${memberColumn(i)}`).join(', ');
  const any = cols.predicates.length === 1 ? cols.predicates[0] : cols.predicates.map((p) => `(${p})`).join(' OR ');
  return `SELECT ${cols.identity} AS ${quoteIdentifier(identityName)}, ${flags} FROM ${from} WHERE ${any}`;
}

/** The members of one audience, by identity: `SELECT <identity> FROM <from> WHERE <predicate>`. */
export function audienceMembersSql(from: string, identity: string, identityName: string, predicate: string): string {
  return `SELECT ${identity} AS ${quoteIdentifier(identityName)} FROM ${from} WHERE ${predicate}`;
}

/** Audiences per mask column: bits 0-61 of a BIGINT (the sign bit stays clear). */
export const MASK_BITS = 62;

/** The mask column and bit of the i-th audience. */
export function maskBit(i: number): { readonly column: string; readonly bit: string } {
  return { column: `k${Math.floor(i / MASK_BITS)}`, bit: (1n << BigInt(i % MASK_BITS)).toString() };
}

/** `SELECT <identity> AS "<identityName>", (CASE WHEN p0 THEN 1 ELSE 0 END | ...) AS k0, ... FROM <from>` (DuckDB). */
export function membershipMaskSql(from: string, identityName: string, cols: MembershipColumns): string {
  if (cols.predicates.length === 0) throw new RangeError('membershipMaskSql: no audiences');
  const masks: string[] = [];
  for (let start = 0; start < cols.predicates.length; start += MASK_BITS) {
    const group = cols.predicates.slice(start, start + MASK_BITS);
    masks.push(`(${group.map((p, j) => `CASE WHEN ${p} THEN ${maskBit(start + j).bit} ELSE 0 END`).join(' | ')})::BIGINT AS k${start / MASK_BITS}`);
  }
  return `SELECT ${cols.identity} AS ${quoteIdentifier(identityName)}, ${masks.join(', ')} FROM ${from}`;
}
