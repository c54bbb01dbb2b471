// What text a value of each field type must look like, as RE2-compatible regular expressions
// (DuckDB's dialect), and the rule for a well-formed primary identity. Checked before any cast:
// DuckDB's casts are lenient (TRY_CAST('12.5' AS BIGINT) is 13, dates accept '2023-1-5').

import type { FieldType } from '../../specs/model';

/** The texts a boolean may have. */
export const BOOLEAN_TEXTS: readonly string[] = ['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0'];

/** Full-match patterns for the text form of the other non-string types. */
export const TYPE_PATTERNS: Readonly<Record<'integer' | 'number' | 'date' | 'datetime', string>> = {
  integer: '^-?[0-9]+$',
  number: '^-?([0-9]+(\\.[0-9]+)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$',
  date: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  // ISO 8601: date, T or space, hh:mm[:ss[.fraction]], optional Z or +hh[[:]mm]; no offset means UTC.
  datetime:
    '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?$',
};

/** A datetime without offset or with Z: UTC as written. */
export const DATETIME_UTC_PATTERN =
  '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?Z?$';

/** The DuckDB type a field is stored as in the dataset's Parquet files. */
export const PARQUET_TYPES: Readonly<Record<FieldType, string>> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  // Stored in UTC, without zone (TIMESTAMP): offsets in the input are applied first.
  datetime: 'TIMESTAMP',
};

/** Longest identity value accepted. */
export const IDENTITY_MAX_LENGTH = 256;

/**
 * A well-formed identity: 1 to 256 characters, no control characters, no space at either end.
 * (RE2 and JavaScript read this pattern the same way.)
 */
export const IDENTITY_PATTERN = '^[^\\x00-\\x1f\\x7f ]([^\\x00-\\x1f\\x7f]*[^\\x00-\\x1f\\x7f ])?$';

/** Fields the platform fills; a Source may not map a file column to them. */
export const PLATFORM_FIELDS: readonly string[] = ['_id', 'createdByBatchId', 'modifiedByBatchId'];
