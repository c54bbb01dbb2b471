import { csvField, csvFormat, csvRecord, ExportConfigError } from '../../runtime/export';
import { jsonLineEncoder } from '../../runtime/export/json-lines-writer';

const std = csvFormat();

describe('csvField with the default options (delimiter , quote " escape " nullValue "")', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', '""'],
    [' padded ', ' padded '],
    ['Zoë Müller', 'Zoë Müller'],
    ["O'Brien", "O'Brien"],
    ['tab\there', 'tab\there'],
  ])('%j -> %j', (value, want) => {
    expect(csvField(value, std)).toBe(want);
  });

  it('writes a missing value as the empty nullValue, unquoted', () => {
    expect(csvField(null, std)).toBe('');
    expect(csvRecord([null, '', 'x'], std)).toBe(',"",x\n');
  });
});

describe('csvField with custom options', () => {
  const f = csvFormat({ delimiter: ';', quote: "'", escape: '\\', nullValue: 'NULL', header: false });
  it.each([
    ['a;b', "'a;b'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['a,b', 'a,b'],
    ['"double"', '"double"'],
    ['NULL', "'NULL'"],
    ['', ''],
  ])('%j -> %j', (value, want) => {
    expect(csvField(value, f)).toBe(want);
  });
  it('writes a missing value as NULL', () => {
    expect(csvRecord(['x', null], f)).toBe('x;NULL\n');
  });
  it('quotes a value holding a multi-byte delimiter', () => {
    const t = csvFormat({ delimiter: '¦' });
    expect(csvRecord(['a¦b', 'c'], t)).toBe('"a¦b"¦c\n');
  });
});

describe('csvFormat refuses ambiguous options', () => {
  it.each([
    [{ delimiter: '"' }, /delimiter and quote are both/],
    [{ delimiter: '\\', escape: '\\' }, /delimiter and escape are both/],
    [{ delimiter: ';;' }, /exactly one character/],
    [{ quote: '\n' }, /line break/],
    [{ nullValue: 'a,b' }, /nullValue "a,b" contains ","/],
  ])('%j', (options, message) => {
    expect(() => csvFormat(options)).toThrow(ExportConfigError);
    expect(() => csvFormat(options)).toThrow(message);
  });
});

describe('jsonLineEncoder', () => {
  const encode = jsonLineEncoder([
    { name: 'PARTNER_ID', bare: false },
    { name: 'age', bare: true },
    { name: 'homeOwner', bare: true },
    { name: 'note', bare: false },
    { name: 'score', bare: true },
  ]);
  it('writes numbers and booleans bare, text as JSON strings, missing values as null', () => {
    expect(encode(['AC1', '42', 'true', 'say "hi"\n', '1e-07'])).toBe('{"PARTNER_ID":"AC1","age":42,"homeOwner":true,"note":"say \\"hi\\"\\n","score":1e-07}\n');
    expect(encode(['AC2', null, null, null, null])).toBe('{"PARTNER_ID":"AC2","age":null,"homeOwner":null,"note":null,"score":null}\n');
  });
  it('writes a number without a JSON form (NaN, infinity) as a string', () => {
    expect(encode(['AC3', '1', 'false', 'é', 'nan'])).toBe('{"PARTNER_ID":"AC3","age":1,"homeOwner":false,"note":"é","score":"nan"}\n');
  });
});
