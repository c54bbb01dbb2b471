// Reads every *.yaml / *.yml below a folder, one or more documents per file, keeping the
// YAML node tree so that any JSON path maps back to file:line:column.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { Diagnostic, jsonPath, PathSegment, Severity } from './diagnostics';

export interface SourceDocument {
  /** Relative to the spec folder, forward slashes. */
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  readonly yaml: Document.Parsed;
  readonly lineCounter: LineCounter;
  readonly text: string;
  /** Plain JS value of the document (undefined when it could not be built). */
  readonly value: unknown;
}

export interface LoadResult {
  readonly documents: SourceDocument[];
  readonly diagnostics: Diagnostic[];
  /** Number of files read. */
  readonly files: number;
}

/** Folders never descended into. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export function listSpecFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
        out.push(full);
      }
    }
  };
  walk(dir);
  return out;
}

/** Load a spec folder from disk. */
export function loadSpecDir(dir: string): LoadResult {
  const files = listSpecFiles(dir);
  const inputs = files.map((f) => ({ file: toPosix(path.relative(dir, f)), text: fs.readFileSync(f, 'utf8') }));
  return loadSpecTexts(inputs);
}

/** Load spec files given as text (used for git revisions and tests). */
export function loadSpecTexts(inputs: readonly { file: string; text: string }[]): LoadResult {
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of inputs) {
    const r = parseFile(file, text);
    documents.push(...r.documents);
    diagnostics.push(...r.diagnostics);
  }
  return { documents, diagnostics, files: inputs.length };
}

export function parseFile(file: string, rawText: string): { documents: SourceDocument[]; diagnostics: Diagnostic[] } {
  // A byte order mark is invisible in editors: drop it so columns on line 1 match what users see.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true }) as Document.Parsed[];
    if (!Array.isArray(parsed)) parsed = [];
  } catch (e) {
    diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: `cannot parse YAML: ${(e as Error).message}`, file, line: 1, column: 1, path: '$' });
    return { documents, diagnostics };
  }
  let index = 0;
  for (const doc of parsed) {
    const i = index++;
    const problems = [...doc.errors.map((e) => ({ e, sev: 'error' as Severity })), ...doc.warnings.map((e) => ({ e, sev: 'warning' as Severity }))];
    for (const { e, sev } of problems) {
      const pos = lineCounter.linePos(e.pos[0]);
      diagnostics.push({
        code: sev === 'error' ? 'yaml-syntax' : 'yaml-warning',
        severity: sev,
        message: yamlMessage(e.code, e.message),
        file,
        line: pos.line,
        column: pos.col,
        path: '$',
      });
    }
    if (doc.errors.length > 0) continue;
    if (isEmptyDocument(doc, text)) continue; // e.g. a trailing `---`, or only comments
    let value: unknown;
    const at = lineCounter.linePos(doc.contents?.range?.[0] ?? doc.range[0]);
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: `cannot read YAML document: ${(e as Error).message}`, file, line: at.line, column: at.col, path: '$' });
      continue;
    }
    if (isCyclic(value)) {
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', message: 'an alias refers to a node that contains it (a recursive alias): specs must be trees; copy the values instead', file, line: at.line, column: at.col, path: '$' });
      continue;
    }
    documents.push({ file, index: i, yaml: doc, lineCounter, text, value });
  }
  return { documents, diagnostics };
}

/** A document with no content: `---` followed by nothing or comments. An explicit `null` is content. */
function isEmptyDocument(doc: Document.Parsed, text: string): boolean {
  const c = doc.contents;
  if (c === null) return true;
  if (!isScalar(c) || c.value !== null || !c.range) return false;
  return text.slice(c.range[0], c.range[1]).trim() === '';
}

/** True when the value contains itself (a recursive alias). */
function isCyclic(value: unknown): boolean {
  const onPath = new Set<object>();
  const visit = (v: unknown): boolean => {
    if (v === null || typeof v !== 'object') return false;
    if (onPath.has(v)) return true;
    onPath.add(v);
    const children = Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : Object.values(v);
    for (const c of children) if (visit(c)) return true;
    onPath.delete(v);
    return false;
  };
  return visit(value);
}

function yamlMessage(code: string, message: string): string {
  // The yaml library's messages end with a source excerpt after a blank line; keep the first line.
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `${first} (${code})`;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// ---- positions ----

export interface Position {
  readonly line: number;
  readonly column: number;
}

interface Located {
  node: YamlNode | null;
  pair: Pair | null;
  /** How many path segments were found. */
  depth: number;
}

function walk(doc: SourceDocument, segments: readonly PathSegment[]): Located {
  let node: unknown = doc.yaml.contents;
  let pair: Pair | null = null;
  let depth = 0;
  for (const seg of segments) {
    if (isMap(node)) {
      const p = node.items.find((it) => isPair(it) && keyString(it.key) === String(seg));
      if (!p) break;
      pair = p as Pair;
      node = p.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      pair = null;
      node = node.items[seg];
    } else break;
    depth++;
  }
  return { node: (node as YamlNode) ?? null, pair, depth };
}

function keyString(k: unknown): string {
  if (isScalar(k)) return String(k.value);
  return String(k);
}

function offsetToPos(doc: SourceDocument, offset: number): Position {
  const p = doc.lineCounter.linePos(offset);
  return { line: p.line, column: p.col };
}

/**
 * Position of the node at `segments`. With `key: true`, the position of the mapping key
 * (for unknown or misplaced keys). A path that does not exist resolves to its deepest
 * existing ancestor (the place where the missing key should go).
 */
export function positionOf(doc: SourceDocument, segments: readonly PathSegment[], opts: { key?: boolean } = {}): Position {
  const loc = walk(doc, segments);
  if (opts.key && loc.depth === segments.length && loc.pair && (loc.pair.key as YamlNode)?.range) {
    return offsetToPos(doc, (loc.pair.key as YamlNode).range![0]);
  }
  if (loc.depth < segments.length && loc.pair && (loc.pair.key as YamlNode)?.range) {
    // missing child: point at the key of the deepest existing mapping entry
    return offsetToPos(doc, (loc.pair.key as YamlNode).range![0]);
  }
  const range = loc.node?.range ?? doc.yaml.range;
  return offsetToPos(doc, range[0]);
}

/**
 * Position of character `valueOffset` of the string scalar at `segments`, for errors inside
 * a rule string. Handles plain, quoted and block scalars by aligning the value with its source.
 */
export function positionInScalar(doc: SourceDocument, segments: readonly PathSegment[], valueOffset: number): Position {
  const loc = walk(doc, segments);
  const node = loc.node;
  if (loc.depth < segments.length || !isScalar(node) || typeof node.value !== 'string' || !node.range) {
    return positionOf(doc, segments);
  }
  const src = doc.text.slice(node.range[0], node.range[1]);
  const value = node.value;
  let start = 0;
  const t = (node as Scalar).type;
  if (t === Scalar.QUOTE_DOUBLE || t === Scalar.QUOTE_SINGLE) start = 1;
  else if (t === Scalar.BLOCK_LITERAL || t === Scalar.BLOCK_FOLDED) {
    const nl = src.indexOf('\n');
    start = nl < 0 ? src.length : nl + 1;
  }
  const dq = t === Scalar.QUOTE_DOUBLE;
  const sq = t === Scalar.QUOTE_SINGLE;
  // Walk the source and the value together. Escapes (double-quoted) and doubled quotes
  // (single-quoted) stand for one value character; line folding turns a line break and the
  // next line's indentation into one space; other source characters (indentation) have none.
  let s = start;
  let v = 0;
  const target = Math.min(valueOffset, value.length);
  while (v < target && s < src.length) {
    const c = src[s];
    if (dq && c === '\\') {
      const n = src[s + 1];
      if (n === '\n' || n === '\r') {
        s += 2; // escaped line break: no value character, and the next line's indentation goes too
        while (s < src.length && (src[s] === ' ' || src[s] === '\t' || src[s] === '\n')) s++;
        continue;
      }
      s += n === 'x' ? 4 : n === 'u' ? 6 : n === 'U' ? 10 : 2;
      v++;
      continue;
    }
    if (sq && c === "'" && src[s + 1] === "'") {
      s += 2;
      v++;
      continue;
    }
    if (c === value[v]) {
      s++;
      v++;
      continue;
    }
    if ((c === '\n' || c === '\r') && (value[v] === ' ' || value[v] === '\n')) {
      s++;
      if (src[s] === '\n') s++;
      while (s < src.length && (src[s] === ' ' || src[s] === '\t')) s++;
      v++;
      continue;
    }
    s++;
  }
  while (s < src.length && /\s/.test(src[s]) && valueOffset < value.length && !/\s/.test(value[valueOffset])) s++;
  return offsetToPos(doc, node.range[0] + Math.min(s, src.length));
}

/** Build a diagnostic at a path of a document. */
export function diagnosticAt(
  doc: SourceDocument,
  segments: readonly PathSegment[],
  code: string,
  message: string,
  opts: { severity?: Severity; key?: boolean; valueOffset?: number } = {},
): Diagnostic {
  const pos = opts.valueOffset !== undefined ? positionInScalar(doc, segments, opts.valueOffset) : positionOf(doc, segments, { key: opts.key });
  return {
    code,
    severity: opts.severity ?? 'error',
    message,
    file: doc.file,
    line: pos.line,
    column: pos.column,
    path: jsonPath(segments),
  };
}
