// How an exported value is written as text, defined once in SQL so that CSV, JSON lines and
// `prospect audience preview` agree:
//   string    as stored
//   integer   decimal digits, e.g. -42
//   number    DuckDB's shortest round-trip text of the DOUBLE, e.g. 12.5, 100.0, 1e-07
//   boolean   true / false
//   date      YYYY-MM-DD
//   datetime  ISO 8601 in UTC with Z; fraction only when not zero, without trailing zeros,
//             e.g. 2026-11-28T09:15:00Z, 2026-11-28T09:15:00.25Z
// A missing value stays NULL (the writers decide how NULL is written).

import type { FieldType } from '../../specs/model';

/** SQL (DuckDB) giving the text of `column` (an SQL expression) of a field of `type`. */
export function fieldTextSql(column: string, type: FieldType): string {
  switch (type) {
    case 'string':
      return column;
    case 'integer':
    case 'number':
    case 'boolean':
    case 'date':
      return `CAST(${column} AS VARCHAR)`;
    case 'datetime':
      return `(strftime(${column}, '%Y-%m-%dT%H:%M:%S') || coalesce('.' || nullif(rtrim(strftime(${column}, '%f'), '0'), ''), '') || 'Z')`;
  }
}

/** Whether JSON lines write the text of this type bare (a JSON number or boolean) rather than as a string. */
export function isJsonBare(type: FieldType): boolean {
  return type === 'integer' || type === 'number' || type === 'boolean';
}
