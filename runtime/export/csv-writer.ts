// CSV records exactly as a destination's `file.csv` options say (SPEC-FORMAT.md, Destination):
// - records end with "\n"; fields are separated by `delimiter`;
// - a missing value is `nullValue`, never quoted;
// - a value is quoted when it contains the delimiter, the quote, the escape character, "\r" or
//   "\n", or when it equals `nullValue` (so "" and a missing value stay different with the default
//   nullValue ""); otherwise it is written as is;
// - inside quotes, the quote is written as escape + quote ("" with the defaults) and, when the
//   escape differs from the quote, the escape character as escape + escape;
// - with `header`, the first record holds the column names, quoted by the same rules.

import type { CsvOptions } from '../../specs/model';
import { ExportConfigError } from './errors';

export interface CsvFormat {
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
  readonly nullValue: string;
  readonly header: boolean;
}

/** The options with their defaults, checked for combinations that would make records ambiguous. */
export function csvFormat(options: CsvOptions = {}): CsvFormat {
  const f = { delimiter: options.delimiter ?? ',', quote: options.quote ?? '"', escape: options.escape ?? options.quote ?? '"', nullValue: options.nullValue ?? '', header: options.header ?? true };
  const one = (name: string, v: string) => {
    if ([...v].length !== 1) throw new ExportConfigError(`csv ${name} ${JSON.stringify(v)} must be exactly one character`);
    if (v === '\r' || v === '\n') throw new ExportConfigError(`csv ${name} cannot be a line break`);
  };
  one('delimiter', f.delimiter);
  one('quote', f.quote);
  one('escape', f.escape);
  if (f.delimiter === f.quote) throw new ExportConfigError(`csv delimiter and quote are both ${JSON.stringify(f.quote)}: choose different characters`);
  if (f.delimiter === f.escape) throw new ExportConfigError(`csv delimiter and escape are both ${JSON.stringify(f.escape)}: choose different characters`);
  for (const c of [f.delimiter, f.quote, '\r', '\n']) {
    if (f.nullValue.includes(c)) throw new ExportConfigError(`csv nullValue ${JSON.stringify(f.nullValue)} contains ${JSON.stringify(c)}: a missing value could not be told from data`);
  }
  return f;
}

/** One field. */
export function csvField(value: string | null, f: CsvFormat): string {
  if (value === null) return f.nullValue;
  const needsQuotes =
    value === f.nullValue || value.includes(f.delimiter) || value.includes(f.quote) || value.includes(f.escape) || value.includes('\n') || value.includes('\r');
  if (!needsQuotes) return value;
  let body = '';
  for (const ch of value) {
    if (ch === f.quote) body += f.escape + f.quote;
    else if (ch === f.escape && f.escape !== f.quote) body += f.escape + f.escape;
    else body += ch;
  }
  return f.quote + body + f.quote;
}

/** One record, with its "\n". */
export function csvRecord(values: readonly (string | null)[], f: CsvFormat): string {
  return values.map((v) => csvField(v, f)).join(f.delimiter) + '\n';
}
