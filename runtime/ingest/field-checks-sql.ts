// The schema's checks compiled to SQL: one expression giving every reason a record is rejected
// (joined with REASON_SEPARATOR; '' when the record is valid), and the typed value of each
// mapped field. DuckDB evaluates both in the same single pass over the file.
//
// Guards that matter (see notes/INGEST-SPEED.md): text is matched with a full-match regular
// expression before any cast; NULL and '' are both "absent" and never reach a NOT (which would
// turn the check into NULL and let the value through); enums use list_contains, never NOT IN
// (planned as a hash join that reorders rows); each typed value is computed once per row.

import type { FieldSpec } from '../../specs/model';
import type { IngestPlan, MappedColumn } from './ingest-plan';
import { reasons } from './reasons';
import { sqlNumber, sqlString } from './sql-text';
import { BOOLEAN_TEXTS, DATETIME_UTC_PATTERN, IDENTITY_MAX_LENGTH, IDENTITY_PATTERN, PARQUET_TYPES, TYPE_PATTERNS } from './value-rules';

/** Separates reasons inside the reasons column (a control character no reason text contains). */
export const REASON_SEPARATOR_SQL = 'chr(31)';

/** SQL giving the text of a file column: VARCHAR, NULL when absent or empty (never ''). */
export type TextOf = (column: MappedColumn) => string;

/**
 * The typed value of a text value, or NULL when it is absent or not a well-formed value of the
 * field's type. The shape is checked with a regular expression before the cast.
 */
export function typedValueSql(spec: FieldSpec, v: string): string {
  const shaped = (type: keyof typeof TYPE_PATTERNS, cast: string) => `CASE WHEN regexp_full_match(${v}, ${sqlString(TYPE_PATTERNS[type])}) THEN ${cast} END`;
  switch (spec.type) {
    case 'string':
      return v;
    case 'boolean':
      return `CASE WHEN list_contains([${BOOLEAN_TEXTS.map(sqlString).join(', ')}], ${v}) THEN TRY_CAST(${v} AS BOOLEAN) END`;
    case 'datetime':
      // Without an offset (or with Z) the text is UTC: a plain TIMESTAMP cast. With an offset, go
      // through TIMESTAMPTZ (the session is UTC), which applies it; slower, so only then.
      return `CASE WHEN regexp_full_match(${v}, ${sqlString(DATETIME_UTC_PATTERN)}) THEN TRY_CAST(${v} AS TIMESTAMP) WHEN regexp_full_match(${v}, ${sqlString(TYPE_PATTERNS.datetime)}) THEN TRY_CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP) END`;
    case 'number':
      // '1e400' casts to infinity: out of range, like a too long integer.
      return shaped('number', `CASE WHEN isfinite(TRY_CAST(${v} AS DOUBLE)) THEN TRY_CAST(${v} AS DOUBLE) END`);
    default:
      return shaped(spec.type, `TRY_CAST(${v} AS ${PARQUET_TYPES[spec.type]})`);
  }
}

function literal(spec: FieldSpec, value: string | number): string {
  switch (spec.type) {
    case 'integer':
      return `${sqlNumber(Number(value))}::BIGINT`;
    case 'number':
      return `${sqlNumber(Number(value))}::DOUBLE`;
    case 'boolean':
      return String(value) === 'true' ? 'true' : 'false';
    case 'date':
      return `TRY_CAST(${sqlString(String(value))} AS DATE)`;
    case 'datetime':
      return `TRY_CAST(TRY_CAST(${sqlString(String(value))} AS TIMESTAMPTZ) AS TIMESTAMP)`;
    default:
      return sqlString(String(value));
  }
}

/**
 * Reasons for one field, or NULL. `v` is the text (NULL when absent), `t` the typed value from
 * typedValueSql (computed once per row, before the checks).
 */
export function fieldReasonsSql(col: MappedColumn, v: string, t: string): string {
  const { field, spec } = col;
  const missing = col.isIdentity ? reasons.identityMissing(field) : spec.required ? reasons.missing(field) : undefined;
  const branches: string[] = [`WHEN ${v} IS NULL THEN ${missing ? sqlString(missing) : 'NULL'}`];
  if (col.isIdentity) {
    branches.push(`WHEN length(${v}) > ${IDENTITY_MAX_LENGTH} OR NOT regexp_full_match(${v}, ${sqlString(IDENTITY_PATTERN)}) THEN ${sqlString(reasons.identityMalformed(field))}`);
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    // Well-formed but not representable (beyond 64 bits, or beyond a double's range).
    branches.push(
      `WHEN ${t} IS NULL THEN CASE WHEN regexp_full_match(${v}, ${sqlString(TYPE_PATTERNS[spec.type])}) THEN ${sqlString(reasons.outOfRange(field, spec.type))} ELSE ${sqlString(reasons.notType(field, spec.type))} END`,
    );
  } else if (spec.type !== 'string') {
    branches.push(`WHEN ${t} IS NULL THEN ${sqlString(reasons.notType(field, spec.type))}`);
  }
  const constraints: string[] = [];
  const check = (failed: string, reason: string) => constraints.push(`CASE WHEN ${failed} THEN ${sqlString(reason)} END`);
  if (spec.enum) check(`NOT list_contains([${spec.enum.map((e) => literal(spec, e)).join(', ')}], ${t})`, reasons.notInEnum(field, spec));
  if (spec.type === 'string') {
    if (spec.pattern !== undefined) check(`NOT regexp_matches(${v}, ${sqlString(spec.pattern)})`, reasons.pattern(field, spec));
    if (spec.minLength !== undefined) check(`length(${v}) < ${spec.minLength}`, reasons.tooShort(field, spec));
    if (spec.maxLength !== undefined) check(`length(${v}) > ${spec.maxLength}`, reasons.tooLong(field, spec));
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    if (spec.minimum !== undefined) check(`${t} < ${sqlNumber(spec.minimum)}`, reasons.belowMinimum(field, spec));
    if (spec.maximum !== undefined) check(`${t} > ${sqlNumber(spec.maximum)}`, reasons.aboveMaximum(field, spec));
  }
  const rest = constraints.length === 0 ? 'NULL' : constraints.length === 1 ? constraints[0] : `NULLIF(concat_ws(${REASON_SEPARATOR_SQL}, ${constraints.join(', ')}), '')`;
  return `CASE ${branches.join(' ')} ELSE ${rest} END`;
}

/** Every reason of a record, joined; '' for a valid record. */
export function recordReasonsSql(plan: IngestPlan, textOf: TextOf, typedOf: (index: number) => string): string {
  return `concat_ws(${REASON_SEPARATOR_SQL}, ${plan.columns.map((c, i) => fieldReasonsSql(c, textOf(c), typedOf(i))).join(',\n  ')})`;
}

/** Patterns the SQL uses (the schema's own), to check once that DuckDB's RE2 can run them. */
export function patternsOf(plan: IngestPlan): { field: string; pattern: string }[] {
  return plan.columns.filter((c) => c.spec.type === 'string' && c.spec.pattern !== undefined).map((c) => ({ field: c.field, pattern: c.spec.pattern! }));
}
