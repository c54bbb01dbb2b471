// Diagnostics: what is wrong, where (file:line:column and JSON path), in the contract's format.

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Relative to the spec folder, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** JSON path inside the document, e.g. `$.spec.fields.age.type`. */
  readonly path: string;
}

export type PathSegment = string | number;

/** `$.spec.fields["homeAddress.state"].type` style path. */
export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message) ||
    cmp(a.path, b.path)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted by position, exact duplicates removed. */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...diags].sort(compareDiagnostics)) {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.code}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

export function formatText(diags: readonly Diagnostic[]): string {
  return diags.map((d) => `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.code}  ${d.message}`).join('\n');
}

export function formatJson(diags: readonly Diagnostic[]): string {
  return JSON.stringify(
    {
      diagnostics: diags.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        file: d.file,
        line: d.line,
        column: d.column,
        path: d.path,
      })),
    },
    null,
    2,
  );
}

/** Text summary line, e.g. `2 errors, 1 warning in 14 documents`. */
export function summary(diags: readonly Diagnostic[], documents: number): string {
  const e = diags.filter((d) => d.severity === 'error').length;
  const w = diags.length - e;
  return `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'} in ${documents} document${documents === 1 ? '' : 's'}`;
}
