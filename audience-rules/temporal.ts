// Dates and datetimes of the rule language: validation and a normalized form that sorts in time order.
// Datetimes are kept at microsecond precision (DuckDB's TIMESTAMP) as UTC text, so comparing two
// normalized strings compares the instants exactly, with no floating point involved.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date, optional time (T or space), optional seconds and fraction, optional zone (Z, +HH:MM, +HHMM).
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for `YYYY-MM-DD` naming a real calendar day between years 1 and 9999. */
export function isValidDate(text: string): boolean {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Normalizes an ISO 8601 datetime to UTC, `YYYY-MM-DDTHH:MM:SS.ffffff`. Without a zone the time is
 * taken as UTC; a date alone means its midnight. Returns undefined when the text is not a valid
 * datetime or has more than `maxFractionDigits` fraction digits (extra digits beyond 6 are dropped).
 */
export function normalizeDateTime(text: string, maxFractionDigits = 6): string | undefined {
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return undefined;
  const h = Number(m[4] ?? 0);
  const mi = Number(m[5] ?? 0);
  const s = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const fraction = m[7] ?? '';
  if (fraction.length > maxFractionDigits) return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = Number(digits.slice(2));
    if (zh > 23 || zm > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  const local = new Date(0);
  local.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years 1-99 literal, unlike Date.UTC
  local.setUTCHours(h, mi - offsetMinutes, s, 0);
  const year = local.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  const micros = (fraction + '000000').slice(0, 6);
  return (
    `${pad(year, 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}` +
    `T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}.${micros}`
  );
}

/** A JavaScript Date as the normalized UTC datetime (millisecond precision). */
export function dateObjectToUtc(value: Date): string | undefined {
  if (Number.isNaN(value.getTime())) return undefined;
  const year = value.getUTCFullYear();
  if (year < 1 || year > 9999) return undefined;
  return value.toISOString().slice(0, -1) + '000'; // years 1-9999 print as YYYY-MM-DDTHH:MM:SS.sssZ
}

/** A JavaScript Date as its UTC calendar day, `YYYY-MM-DD`. */
export function dateObjectToDay(value: Date): string | undefined {
  const utc = dateObjectToUtc(value);
  return utc === undefined ? undefined : utc.slice(0, 10);
}
