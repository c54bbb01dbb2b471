// JSON lines: one object per record, "\n" after each, keys in column order (identity first, then
// the attributes as listed), every key on every line (a missing value is null). Integers, numbers
// and booleans are bare JSON values; everything else (dates and datetimes too) is a string in the
// text form of field-text.ts. No spaces, UTF-8, non-ASCII characters written as themselves.

const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export interface JsonColumn {
  readonly name: string;
  /** Write the value bare (number or boolean) rather than as a string. */
  readonly bare: boolean;
}

/** Pre-encodes the keys once; returns a function from a row of texts to a line. */
export function jsonLineEncoder(columns: readonly JsonColumn[]): (values: readonly (string | null)[]) => string {
  const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  return (values) => {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const v = values[i];
      let text: string;
      if (v === null) text = 'null';
      // NaN and infinities have no JSON number form: they are written as strings.
      else if (columns[i].bare && (v === 'true' || v === 'false' || JSON_NUMBER.test(v))) text = v;
      else text = JSON.stringify(v);
      line += keys[i] + text;
    }
    return (columns.length === 0 ? '{' : line) + '}\n';
  };
}
