// The loader: every *.yaml / *.yml below a folder, multi-document files, positions for every
// node, broken YAML as a diagnostic (never an exception), and positions inside scalars.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listSpecFiles, loadSpecDir, loadSpecTexts, positionInScalar, positionOf } from '../../specs/loader';
import { validateLoaded } from '../../specs/validate';
import { locate } from './fixtures';

const load = (text: string, file = 'f.yaml') => loadSpecTexts([{ file, text }]);
const where = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
const at = (text: string, needle: string, sub?: string) => where(locate({ 'f.yaml': text }, 'f.yaml', needle, sub));

describe('loader: files and documents', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-loader-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write('b.yaml', 'a: 1\n');
    write('a.yml', 'a: 2\n');
    write('C.YAML', 'a: 3\n');
    write('nested/deeper/d.yaml', 'a: 4\n');
    write('notes.txt', 'not: yaml\n');
    write('schema.json', '{}');
    write('node_modules/pkg/x.yaml', 'a: 5\n');
    write('.git/config.yaml', 'a: 6\n');
    write('.hidden/y.yaml', 'a: 7\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads every .yaml / .yml below the folder, sorted, skipping node_modules and hidden folders', () => {
    expect(listSpecFiles(dir).map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual(['C.YAML', 'a.yml', 'b.yaml', 'nested/deeper/d.yaml']);
  });

  it('names files relative to the folder with forward slashes', () => {
    const r = loadSpecDir(dir);
    expect(r.files).toBe(4);
    expect(r.documents.map((d) => [d.file, d.value])).toEqual([
      ['C.YAML', { a: 3 }],
      ['a.yml', { a: 2 }],
      ['b.yaml', { a: 1 }],
      ['nested/deeper/d.yaml', { a: 4 }],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads several documents per file, with their index in the file', () => {
    const r = load('# header\na: 1\n---\n# second\nb: 2\n---\nc: [3]\n');
    expect(r.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [1, { b: 2 }],
      [2, { c: [3] }],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing here\n# yet\n'],
    ['a leading separator', '---\na: 1\n'],
    ['a document end marker', 'a: 1\n...\n'],
  ])('loads %s without diagnostics', (_name, text) => {
    const r = load(text);
    expect(r.diagnostics).toEqual([]);
    expect(validateLoaded(r).diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
  });

  test.each([
    ['a trailing separator', 'a: 1\n---\n'],
    ['a doubled separator', '---\n---\na: 1\n'],
    ['a separator followed by a comment', 'a: 1\n---\n# more later\n'],
  ])('skips empty documents: %s', (_name, text) => {
    const r = load(text);
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
  });
});

describe('loader: broken YAML is a diagnostic with a position', () => {
  it.each([
    ['an unclosed flow sequence', 'a: [1, 2\nb: 3\n', '2:1', 'BAD_INDENT'],
    ['a duplicate key, at the second key', 'apiVersion: prospect/v1\nkind: Dataset\nkind: Schema\n', '3:1', 'Map keys must be unique (DUPLICATE_KEY)'],
    ['a tab used as indentation', 'a:\n\tb: 1\n', '2:1', 'Tabs are not allowed as indentation (TAB_AS_INDENT)'],
    ['an unterminated quoted string', 'a: "abc\nb: 1\n', '3:1', 'MISSING_CHAR'],
    ['a mapping nested in a compact mapping', 'apiVersion: prospect/v1\nkind: Dataset\n metadata: x\n', '2:7', 'BLOCK_AS_IMPLICIT_KEY'],
  ])('%s', (_name, text, pos, message) => {
    const r = load(text);
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const d = r.diagnostics[0];
    expect(d).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: 'f.yaml', path: '$' });
    expect(where(d)).toBe(pos);
    expect(d.message).toContain(message);
    expect(d.message).not.toContain('\n');
  });

  it('keeps the good documents of a file whose later document is broken', () => {
    const r = load('a: 1\n---\nb: [\n');
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(r.diagnostics.map((d) => `${d.code} ${where(d)}`)).toEqual(['yaml-syntax 4:1']);
  });

  it('reports a duplicate key inside the spec at the duplicate', () => {
    const text = 'apiVersion: prospect/v1\nkind: Dataset\nmetadata:\n  name: prospects\nspec:\n  schema: a-b-c\n  expiration: {afterDays: 1}\n  schema: d-e-f\n';
    const r = load(text);
    expect(r.diagnostics.map((d) => `${d.code} ${where(d)}`)).toEqual([`yaml-syntax ${at(text, 'schema: d-e-f', 'schema')}`]);
  });

  it('stops an alias bomb with a diagnostic', () => {
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]'].join('\n');
    const r = load(bomb);
    expect(r.documents).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ code: 'yaml-syntax', line: 1, column: 1, message: expect.stringContaining('resource exhaustion') }]);
  });

  it.each([
    ['in spec', 'apiVersion: prospect/v1\nkind: Label\nmetadata:\n  name: loop-label\nspec: &s\n  code: LOOP\n  category: custom\n  self: [*s]\n'],
    ['in metadata', 'apiVersion: prospect/v1\nkind: Label\nmetadata: &m\n  name: loop-label\n  labels: {x: *m}\nspec: {code: LOOP, category: custom}\n'],
  ])('a recursive alias %s is a diagnostic, not a crash', (_name, text) => {
    const r = validateLoaded(load(text));
    expect(r.ok).toBe(false);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it('reports an undefined alias', () => {
    const r = load('a: *nope\n');
    expect(r.diagnostics).toMatchObject([{ code: 'yaml-syntax', message: expect.stringContaining('nope') }]);
  });

  it('reports an unknown tag as a warning', () => {
    const r = load('a: !custom x\n');
    expect(r.diagnostics).toMatchObject([{ code: 'yaml-warning', severity: 'warning', line: 1, column: 4 }]);
  });

  it('reads a file with invalid UTF-8 and control characters without throwing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-bytes-'));
    try {
      fs.writeFileSync(path.join(dir, 'x.yaml'), Buffer.concat([Buffer.from('apiVersion: prospect/v1\nkind: Data'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0x07]), Buffer.from('set\n')]));
      const r = validateLoaded(loadSpecDir(dir));
      expect(r.ok).toBe(false);
      for (const d of r.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loader: positions', () => {
  const text = [
    'apiVersion: prospect/v1', // 1
    'kind: Schema', // 2
    'metadata:', // 3
    '  name: prospect-profile', // 4
    'spec:', // 5
    '  fields:', // 6
    '    homeAddress.state: {type: string}', // 7
    '    age:', // 8
    '      type: integer', // 9
    '  labels:', // 10
    '    "*": [THIRD_PARTY, I1]', // 11
    '',
  ].join('\n');
  const doc = () => load(text).documents[0];

  it.each([
    [['metadata', 'name'], {}, '4:9'],
    [['metadata', 'name'], { key: true }, '4:3'],
    [['spec', 'fields', 'homeAddress.state', 'type'], {}, '7:31'],
    [['spec', 'fields', 'age'], { key: true }, '8:5'],
    [['spec', 'fields', 'age', 'type'], {}, '9:13'],
    [['spec', 'labels', '*', 1], {}, '11:24'],
    [['spec', 'labels', '*'], { key: true }, '11:5'],
    [[], {}, '1:1'],
  ] as const)('%j %j -> %s', (segments, opts, expected) => {
    expect(where(positionOf(doc(), segments, opts))).toBe(expected);
  });

  it('a missing child points at the key of its deepest existing ancestor', () => {
    expect(where(positionOf(doc(), ['spec', 'fields', 'age', 'minimum']))).toBe('8:5');
    expect(where(positionOf(doc(), ['spec', 'primaryIdentity', 'field']))).toBe('5:1');
  });

  it('a list index past the end points at the key holding the list', () => {
    expect(where(positionOf(doc(), ['spec', 'labels', '*', 5]))).toBe('11:5');
  });

  it('counts columns the same with CRLF line ends', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const d = loadSpecTexts([{ file: 'f.yaml', text: crlf }]).documents[0];
    expect(where(positionOf(d, ['spec', 'fields', 'age', 'type']))).toBe('9:13');
    expect(where(positionOf(d, ['spec', 'labels', '*', 1]))).toBe('11:24');
  });

  test('ignores a byte order mark when counting columns', () => {
    const d = loadSpecTexts([{ file: 'f.yaml', text: '\uFEFFapiVersion: prospect/v2\n' }]).documents[0];
    expect(d.value).toEqual({ apiVersion: 'prospect/v2' });
    expect(where(positionOf(d, ['apiVersion']))).toBe('1:13');
  });

  it('loads a file with a byte order mark', () => {
    const r = loadSpecTexts([{ file: 'f.yaml', text: '\uFEFFapiVersion: prospect/v1\nkind: Dataset\n' }]);
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].value).toEqual({ apiVersion: 'prospect/v1', kind: 'Dataset' });
  });
});

describe('loader: positionInScalar points at a token inside a string', () => {
  /** Position of `token` (as it appears in the parsed value) vs where `source` appears in the YAML. */
  const check = (text: string, token: string, source = token) => {
    const d = load(text).documents[0];
    const value = (d.value as { rule: string }).rule;
    const offset = value.indexOf(token);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(where(positionInScalar(d, ['rule'], offset))).toBe(at(text, source));
  };

  it.each([
    ['a plain scalar', 'rule: age > 1 and agee > 2\n'],
    ['a plain scalar with a comment', 'rule: age > 1 and agee > 2 # note\n'],
    ['a plain scalar over two lines', 'rule: age > 1\n  and agee > 2\n'],
    ['a single-quoted scalar with a doubled quote before the token', "rule: 'x = \"it''s\" and agee > 2'\n"],
    ['a double-quoted scalar with escaped quotes', 'rule: "x = \\"a\\" and agee > 2"\n'],
    ['a double-quoted scalar with escaped backslashes', 'rule: "x = \\"a\\\\\\\\b\\" and agee > 2"\n'],
    ['a double-quoted scalar with a literal non-ASCII character', 'rule: "x = \\"é\\" and agee > 2"\n'],
    ['a double-quoted scalar over two lines', 'rule: "age > 1\n  and agee > 2"\n'],
    ['a double-quoted scalar with leading spaces', 'rule: "  agee > 1"\n'],
    ['a literal block', 'rule: |\n  age > 1\n  and agee > 2\n'],
    ['a literal block with extra indentation and strip', 'rule: |-\n    age > 1\n      and agee > 2\n'],
    ['a folded block', 'rule: >\n  age > 1\n  and agee > 2\n'],
    ['a folded block with an indentation indicator', 'rule: >2\n    age > 1\n   and agee > 2\n'],
    ['a folded block with a blank line', 'rule: >\n  age > 1\n\n  and agee > 2\n'],
    ['a folded block with a more-indented line', 'rule: >\n  age > 1\n    and agee > 2\n'],
    ['a literal block with runs of spaces', 'rule: |\n  a = "x"   and agee > 2\n'],
    ['the first token', 'rule: agee > 2\n'],
  ])('%s', (_name, text) => check(text, 'agee'));

  it('a token in the value of a list item', () => {
    const text = 'rules:\n  - age > 1\n  - "x = \\"a\\" or agee > 2"\n';
    const d = load(text).documents[0];
    const value = (d.value as { rules: string[] }).rules[1];
    expect(where(positionInScalar(d, ['rules', 1], value.indexOf('agee')))).toBe(at(text, 'agee'));
  });

  it('the end of the string (offset = length) points just after its last character', () => {
    const text = 'rule: age >\n';
    const d = load(text).documents[0];
    expect(where(positionInScalar(d, ['rule'], 'age >'.length))).toBe('1:12');
  });

  it('a path that is not a string scalar falls back to the node', () => {
    const text = 'rule: [a, b]\n';
    expect(where(positionInScalar(load(text).documents[0], ['rule'], 3))).toBe('1:7');
  });

  test.each([
    ['\\t', 'rule: "x = \\"\\t\\" and agee > 2"\n'],
    ['\\n', 'rule: "age > 1\\n and agee > 2"\n'],
    ['\\u00e9', 'rule: "x = \\"\\u00e9\\" and agee > 2"\n'],
    ['\\x41', 'rule: "x = \\"\\x41\\" and Agee > 2"\n'],
  ])('a token after a %s escape in a double-quoted scalar', (escape, text) => {
    check(text, escape === '\\x41' ? 'Agee' : 'agee');
  });
});
