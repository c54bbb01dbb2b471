// Ordering of rule values, the same way the SQL engines order them.

import { Literal } from './ast';

/** Orders strings by Unicode code point, as DuckDB and Trino do (UTF-8 byte order), not by UTF-16 unit. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++; // both strings hold the same surrogate pair here
  }
  return a.length - b.length;
}

/** Orders numbers, bigints (DuckDB BIGINT values) and mixes of both, exactly. */
export function compareNumeric(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders two literals of the same kind; literals of different kinds compare as equal. */
export function compareLiterals(a: Literal, b: Literal): number {
  if (a.kind === 'number' && b.kind === 'number') return compareNumeric(a.value, b.value);
  if (a.kind === 'string' && b.kind === 'string') return compareCodePoints(a.value, b.value);
  if (a.kind === 'date' && b.kind === 'date') return compareCodePoints(a.value, b.value);
  if (a.kind === 'datetime' && b.kind === 'datetime') return compareCodePoints(a.utc, b.utc);
  if (a.kind === 'boolean' && b.kind === 'boolean') return Number(a.value) - Number(b.value);
  return 0;
}
