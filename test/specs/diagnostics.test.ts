// The diagnostic format of SPEC-FORMAT.md: sorted, without duplicates; text
// `file:line:column  severity  code  message`; json {"diagnostics": [{code, severity, message,
// file, line, column, path}]}.
import { compareDiagnostics, Diagnostic, formatJson, formatText, hasErrors, jsonPath, sortDiagnostics, summary } from '../../specs/diagnostics';

const d = (file: string, line: number, column: number, code = 'x', message = 'm', severity: 'error' | 'warning' = 'error', path = '$'): Diagnostic => ({ code, severity, message, file, line, column, path });

describe('jsonPath', () => {
  it.each([
    [[], '$'],
    [['spec', 'fields'], '$.spec.fields'],
    [['spec', 'fields', 'homeAddress.state', 'type'], '$.spec.fields["homeAddress.state"].type'],
    [['spec', 'labels', '*', 0], '$.spec.labels["*"][0]'],
    [['metadata', 'name'], '$.metadata.name'],
    [['spec', 'overrides', 'Dataset', 'acme-prospects'], '$.spec.overrides.Dataset.acme-prospects'],
    [['spec', 'mapping', 'a "quoted" key'], '$.spec.mapping["a \\"quoted\\" key"]'],
    [['spec', 'mapping', '0abc'], '$.spec.mapping["0abc"]'],
  ] as const)('%j -> %s', (segs, expected) => {
    expect(jsonPath(segs)).toBe(expected);
  });
});

describe('sortDiagnostics', () => {
  it('sorts by file, line, column, then code and message', () => {
    const input = [d('b.yaml', 1, 1), d('a.yaml', 10, 1), d('a.yaml', 2, 5, 'z'), d('a.yaml', 2, 5, 'a', 'second'), d('a.yaml', 2, 5, 'a', 'first'), d('a.yaml', 2, 1)];
    expect(sortDiagnostics(input).map((x) => `${x.file}:${x.line}:${x.column} ${x.code} ${x.message}`)).toEqual([
      'a.yaml:2:1 x m',
      'a.yaml:2:5 a first',
      'a.yaml:2:5 a second',
      'a.yaml:2:5 z m',
      'a.yaml:10:1 x m',
      'b.yaml:1:1 x m',
    ]);
  });

  it('compares lines numerically, not as text', () => {
    expect(compareDiagnostics(d('a', 9, 1), d('a', 10, 1))).toBeLessThan(0);
  });

  it('removes exact duplicates and keeps distinct messages at one place', () => {
    const out = sortDiagnostics([d('a.yaml', 1, 1), d('a.yaml', 1, 1), d('a.yaml', 1, 1, 'x', 'other'), d('a.yaml', 1, 1)]);
    expect(out).toHaveLength(2);
  });

  it('does not modify its input', () => {
    const input = [d('b', 1, 1), d('a', 1, 1)];
    sortDiagnostics(input);
    expect(input.map((x) => x.file)).toEqual(['b', 'a']);
  });
});

describe('formats', () => {
  const diags = [d('audiences.yaml', 12, 33, 'audience-unknown-field', 'unknown field "agee"', 'error', '$.spec.rule'), d('schema.yaml', 3, 1, 'audience-value-not-in-enum', 'never matches', 'warning', '$.spec')];

  it('text: file:line:column  severity  code  message, one per line', () => {
    expect(formatText(diags)).toBe('audiences.yaml:12:33  error  audience-unknown-field  unknown field "agee"\nschema.yaml:3:1  warning  audience-value-not-in-enum  never matches');
  });

  it('json: {"diagnostics": [...]} with exactly the contract fields, in order', () => {
    const parsed = JSON.parse(formatJson(diags));
    expect(Object.keys(parsed)).toEqual(['diagnostics']);
    expect(parsed.diagnostics).toEqual([
      { code: 'audience-unknown-field', severity: 'error', message: 'unknown field "agee"', file: 'audiences.yaml', line: 12, column: 33, path: '$.spec.rule' },
      { code: 'audience-value-not-in-enum', severity: 'warning', message: 'never matches', file: 'schema.yaml', line: 3, column: 1, path: '$.spec' },
    ]);
    for (const x of parsed.diagnostics) expect(Object.keys(x)).toEqual(['code', 'severity', 'message', 'file', 'line', 'column', 'path']);
  });

  it('json with no diagnostics', () => {
    expect(JSON.parse(formatJson([]))).toEqual({ diagnostics: [] });
  });

  it('json drops fields that are not in the contract', () => {
    const extra = { ...diags[0], internal: 1 } as Diagnostic;
    expect(Object.keys(JSON.parse(formatJson([extra])).diagnostics[0])).not.toContain('internal');
  });

  it('summary counts errors and warnings', () => {
    expect(summary(diags, 14)).toBe('1 error, 1 warning in 14 documents');
    expect(summary([], 1)).toBe('0 errors, 0 warnings in 1 document');
    expect(summary([diags[0], diags[0]], 2)).toBe('2 errors, 0 warnings in 2 documents');
  });

  it('hasErrors ignores warnings', () => {
    expect(hasErrors([diags[1]])).toBe(false);
    expect(hasErrors(diags)).toBe(true);
  });
});
