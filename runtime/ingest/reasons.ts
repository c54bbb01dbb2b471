// The words of every rejection reason, in one place: the SQL checks and the reference validator
// both build their reasons here, so "reasons by count" groups identical problems. A reason names
// the field and the rule, never the value (the value is in the rejected row next to it).

import type { FieldSpec, FieldType } from '../../specs/model';
import { IDENTITY_MAX_LENGTH } from './value-rules';

const A_TYPE: Record<FieldType, string> = {
  string: 'a string',
  integer: 'an integer (digits, optional leading minus)',
  number: 'a number (e.g. 12.5, -3, 1e6)',
  boolean: 'a boolean (true, false, 1 or 0)',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a datetime (ISO 8601, e.g. 2026-01-31T12:00:00Z)',
};

export const reasons = {
  missing: (field: string) => `${field}: required value is missing`,
  identityMissing: (field: string) => `${field}: primary identity is missing`,
  identityMalformed: (field: string) => `${field}: primary identity is malformed (1-${IDENTITY_MAX_LENGTH} characters, no control characters, no leading or trailing space)`,
  notType: (field: string, type: FieldType) => `${field}: not ${A_TYPE[type]}`,
  outOfRange: (field: string, type: FieldType) => `${field}: out of range for ${type === 'integer' ? 'a 64-bit integer' : type === 'number' ? 'a double' : `a ${type}`}`,
  notInEnum: (field: string, spec: FieldSpec) => `${field}: not one of ${JSON.stringify(spec.enum)}`,
  pattern: (field: string, spec: FieldSpec) => `${field}: does not match pattern ${spec.pattern}`,
  tooShort: (field: string, spec: FieldSpec) => `${field}: shorter than minLength ${spec.minLength}`,
  tooLong: (field: string, spec: FieldSpec) => `${field}: longer than maxLength ${spec.maxLength}`,
  belowMinimum: (field: string, spec: FieldSpec) => `${field}: below minimum ${spec.minimum}`,
  aboveMaximum: (field: string, spec: FieldSpec) => `${field}: above maximum ${spec.maximum}`,
  notScalar: (column: string) => `${column}: is an object or array, expected a single value`,
  invalidJson: () => 'record: not valid JSON',
  notJsonObject: () => 'record: not a JSON object',
} as const;

/** Reasons for rows the CSV reader itself could not split into columns (DuckDB's error types). */
export function csvStructureReason(errorType: string, expectedColumns: number, message: string): string {
  switch (errorType) {
    case 'MISSING COLUMNS':
      return `record: too few columns (expected ${expectedColumns})`;
    case 'TOO MANY COLUMNS':
      return `record: too many columns (expected ${expectedColumns})`;
    case 'UNQUOTED VALUE':
      return 'record: unterminated or misplaced quote';
    case 'INVALID ENCODING':
      return 'record: invalid UTF-8 (is the file ISO-8859-1? set format.encoding)';
    case 'LINE SIZE OVER MAXIMUM':
      return 'record: longer than the maximum record size';
    default:
      return `record: ${message}`;
  }
}
