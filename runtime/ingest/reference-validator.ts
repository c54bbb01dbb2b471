// The reference for what a valid record is, in plain JavaScript with ajv for the schema
// keywords. Ingestion does not use it (it runs the compiled SQL, see field-checks-sql.ts);
// tests prove the SQL agrees with it record by record, and `explain` uses it for one record.

import Ajv, { ValidateFunction } from 'ajv';
import type { FieldSpec } from '../../specs/model';
import type { IngestPlan, MappedColumn } from './ingest-plan';
import { reasons } from './reasons';
import { IDENTITY_MAX_LENGTH } from './value-rules';

export type ReferenceValue = string | number | boolean | bigint;

export interface ReferenceResult {
  /** Reasons in the order ingestion lists them (mapping order, then rule order). */
  readonly reasons: string[];
  /** Typed values of the present, valid fields: bigint for integers, `YYYY-MM-DD` for dates, epoch ms for datetimes. */
  readonly values: Record<string, ReferenceValue | null>;
}

const KEYWORD_ORDER = ['enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum'] as const;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validDate(y: number, m: number, d: number): boolean {
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

function parseDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  return validDate(+m[1], +m[2], +m[3]) ? text : undefined;
}

/** Milliseconds since the epoch (UTC), or undefined. */
function parseDatetime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = [+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6]];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const oh = +m[10];
    const om = m[11] === undefined ? 0 : +m[11];
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d);
  utc.setUTCHours(h, mi, s, ms);
  return utc.getTime() - offsetMinutes * 60_000;
}

function wellFormedIdentity(text: string): boolean {
  const chars = [...text];
  if (chars.length < 1 || chars.length > IDENTITY_MAX_LENGTH) return false;
  if (chars[0] === ' ' || chars[chars.length - 1] === ' ') return false;
  return chars.every((c) => {
    const code = c.codePointAt(0)!;
    return code >= 0x20 && code !== 0x7f;
  });
}

type Converted = { ok: true; value: ReferenceValue } | { ok: false; reason: string };

function convert(field: string, spec: FieldSpec, text: string): Converted {
  switch (spec.type) {
    case 'string':
      return { ok: true, value: text };
    case 'integer': {
      if (!/^-?[0-9]+$/.test(text)) return { ok: false, reason: reasons.notType(field, 'integer') };
      const n = BigInt(text);
      return n < INT64_MIN || n > INT64_MAX ? { ok: false, reason: reasons.outOfRange(field, 'integer') } : { ok: true, value: n };
    }
    case 'number': {
      if (!/^-?([0-9]+(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(text)) return { ok: false, reason: reasons.notType(field, 'number') };
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, reason: reasons.outOfRange(field, 'number') };
    }
    case 'boolean': {
      const lower = { true: true, false: false, TRUE: true, FALSE: false, True: true, False: false, '1': true, '0': false } as Record<string, boolean>;
      return text in lower ? { ok: true, value: lower[text] } : { ok: false, reason: reasons.notType(field, 'boolean') };
    }
    case 'date': {
      const d = parseDate(text);
      return d === undefined ? { ok: false, reason: reasons.notType(field, 'date') } : { ok: true, value: d };
    }
    case 'datetime': {
      const t = parseDatetime(text);
      return t === undefined ? { ok: false, reason: reasons.notType(field, 'datetime') } : { ok: true, value: t };
    }
  }
}

/** The keywords ajv checks on a typed value of the field. */
function keywordSchema(spec: FieldSpec): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (spec.enum) s.enum = spec.type === 'date' || spec.type === 'datetime' ? spec.enum.map(String) : spec.enum;
  if (spec.type === 'string') {
    if (spec.pattern !== undefined) s.pattern = spec.pattern;
    if (spec.minLength !== undefined) s.minLength = spec.minLength;
    if (spec.maxLength !== undefined) s.maxLength = spec.maxLength;
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    if (spec.minimum !== undefined) s.minimum = spec.minimum;
    if (spec.maximum !== undefined) s.maximum = spec.maximum;
  }
  return s;
}

export class ReferenceValidator {
  private readonly validators = new Map<MappedColumn, ValidateFunction>();

  constructor(private readonly plan: IngestPlan) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    for (const c of plan.columns) this.validators.set(c, ajv.compile(keywordSchema(c.spec)));
  }

  /** Checks one record given the text of each mapped column ('' or undefined: absent). */
  check(text: (column: MappedColumn) => string | null | undefined): ReferenceResult {
    const out: string[] = [];
    const values: Record<string, ReferenceValue | null> = {};
    for (const c of this.plan.columns) {
      const raw = text(c);
      values[c.field] = null;
      if (raw === undefined || raw === null || raw === '') {
        if (c.isIdentity) out.push(reasons.identityMissing(c.field));
        else if (c.spec.required) out.push(reasons.missing(c.field));
        continue;
      }
      if (c.isIdentity && !wellFormedIdentity(raw)) {
        out.push(reasons.identityMalformed(c.field));
        continue;
      }
      const converted = convert(c.field, c.spec, raw);
      if (!converted.ok) {
        out.push(converted.reason);
        continue;
      }
      const value = converted.value;
      // ajv sees numbers, not bigints; dates and datetimes are compared as written.
      const forAjv = typeof value === 'bigint' ? Number(value) : c.spec.type === 'date' || c.spec.type === 'datetime' ? raw : value;
      const validate = this.validators.get(c)!;
      if (!validate(forAjv)) {
        const failed = new Set((validate.errors ?? []).map((e) => e.keyword));
        for (const k of KEYWORD_ORDER) {
          if (!failed.has(k)) continue;
          out.push(
            k === 'enum'
              ? reasons.notInEnum(c.field, c.spec)
              : k === 'pattern'
                ? reasons.pattern(c.field, c.spec)
                : k === 'minLength'
                  ? reasons.tooShort(c.field, c.spec)
                  : k === 'maxLength'
                    ? reasons.tooLong(c.field, c.spec)
                    : k === 'minimum'
                      ? reasons.belowMinimum(c.field, c.spec)
                      : reasons.aboveMaximum(c.field, c.spec),
          );
        }
        continue;
      }
      values[c.field] = value;
    }
    return { reasons: out, values };
  }
}
