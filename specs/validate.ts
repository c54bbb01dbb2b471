// The validation pipeline: load -> envelope -> environment overrides -> JSON Schemas ->
// semantic rules. Every problem is collected, then sorted and de-duplicated once.

import * as fs from 'node:fs';
import { Diagnostic, hasErrors, PathSegment, sortDiagnostics } from './diagnostics';
import { diagnosticAt, loadSpecDir, LoadResult, SourceDocument } from './loader';
import { Doc, emptySpecSet, Kind, KINDS, SpecSet } from './model';
import { isPlainObject, mergePatch, patchedPaths } from './overrides';
import { RuleContext } from './rules/rule';
import { SEMANTIC_RULES } from './rules';
import { checkEnvelope, checkSpec } from './schema-validation';

export interface ValidationResult {
  /**
   * Documents whose envelope passed and whose spec has the expected shape (after the
   * environment's overrides). When `ok` is true, every document here passed its schema.
   */
  readonly specs: SpecSet;
  /** The selected environment, when `env` was given and found. */
  readonly environment?: Doc<'Environment'>;
  readonly diagnostics: Diagnostic[];
  readonly documents: number;
  readonly files: number;
  readonly ok: boolean;
}

/** Bad usage (missing folder, unknown environment): the CLI exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ValidateOptions {
  /**
   * Environment whose overrides apply before validation. Left out, the spec set is checked as
   * written and, in addition, as each Environment with overrides would make it.
   */
  readonly env?: string;
  /** Internal: skip the per-environment passes. */
  readonly asWrittenOnly?: boolean;
}

export function validateSpecDir(dir: string, opts: ValidateOptions = {}): ValidationResult {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UsageError(`spec folder not found: ${dir}`);
  }
  if (!stat.isDirectory()) throw new UsageError(`not a folder: ${dir} (give the folder that holds the spec files)`);
  const load = loadSpecDir(dir);
  if (load.files === 0) throw new UsageError(`no spec files (*.yaml, *.yml) below ${dir}: is this the right folder?`);
  return validateLoaded(load, opts);
}

interface Entry {
  source: SourceDocument;
  kind: Kind;
  name: string;
  doc: Doc;
  /** Paths under `spec` set by the environment's overrides -> where they were set. */
  overridden: { path: PathSegment[]; env: SourceDocument; envPath: PathSegment[] }[];
  /** The environment whose overrides patched this document, if any (removals included). */
  overriddenBy?: string;
  envelopeOk: boolean;
}

export function validateLoaded(load: LoadResult, opts: ValidateOptions = {}): ValidationResult {
  const diagnostics: Diagnostic[] = [...load.diagnostics];
  const schemaDiagnostics = new Set<Diagnostic>();
  const entries: Entry[] = [];
  for (const source of load.documents) {
    const envelope = checkEnvelope(source);
    diagnostics.push(...envelope);
    envelope.forEach((d) => schemaDiagnostics.add(d));
    const v = source.value;
    if (!isPlainObject(v)) continue;
    const kind = v.kind;
    const meta = v.metadata;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) continue;
    if (!isPlainObject(meta) || typeof meta.name !== 'string') continue;
    const doc = { ...v, spec: isPlainObject(v.spec) ? v.spec : {} } as unknown as Doc;
    entries.push({ source, kind: kind as Kind, name: meta.name, doc, overridden: [], envelopeOk: envelope.length === 0 });
  }

  // Environment overrides
  let environment: Doc<'Environment'> | undefined;
  if (opts.env !== undefined) {
    const envEntry = entries.find((e) => e.kind === 'Environment' && e.name === opts.env);
    if (!envEntry) {
      const known = entries.filter((e) => e.kind === 'Environment').map((e) => e.name);
      throw new UsageError(`environment "${opts.env}" is not declared in the spec set (declared: ${known.length ? known.sort().join(', ') : 'none'})`);
    }
    applyOverrides(envEntry, entries);
  }

  // JSON Schemas on each spec (after overrides)
  const valid = new Set<Entry>();
  for (const e of entries) {
    if (!isPlainObject((e.source.value as Record<string, unknown>).spec)) continue; // the envelope check reported it
    const check = checkSpec(e.source, e.kind, e.doc.spec);
    if (check.shapeOk && e.envelopeOk) valid.add(e);
    for (const d of check.diagnostics.map((x) => relocate(e, x))) {
      diagnostics.push(d);
      schemaDiagnostics.add(d);
    }
  }

  const specs = emptySpecSet();
  const names = {} as { [K in Kind]: Set<string> };
  for (const k of KINDS) names[k] = new Set();
  for (const e of entries) {
    names[e.kind].add(e.name);
    const byName = specs.byKind[e.kind] as Map<string, Doc>;
    if (valid.has(e) && !byName.has(e.name)) byName.set(e.name, e.doc);
  }
  if (opts.env !== undefined) environment = specs.byKind.Environment.get(opts.env);

  const entryOf = new Map<Doc, Entry>(entries.map((e) => [e.doc, e]));
  const ctx: RuleContext = {
    specs,
    names,
    rawDocs: entries.map((e) => ({ doc: e.doc, raw: e.source.value })),
    at(doc, path, message, o = {}) {
      const e = entryOf.get(doc);
      if (!e) throw new Error(`internal: document ${doc.kind}/${doc.metadata?.name} is not part of this validation`);
      return relocate(e, diagnosticAt(e.source, path, o.code ?? 'semantic', message, o), path, o.valueOffset);
    },
  };
  for (const rule of SEMANTIC_RULES) {
    for (const d of rule.check(ctx)) diagnostics.push(d.code === 'semantic' ? { ...d, code: rule.id } : d);
  }

  if (opts.env === undefined && !opts.asWrittenOnly) diagnostics.push(...environmentOnlyProblems(load, entries, diagnostics));
  const sorted = sortDiagnostics(onePerNode(diagnostics, schemaDiagnostics));
  return { specs, environment, diagnostics: sorted, documents: load.documents.length, files: load.files, ok: !hasErrors(sorted) };
}

function applyOverrides(envEntry: Entry, entries: Entry[]): void {
  const overrides = (envEntry.doc.spec as { overrides?: unknown }).overrides;
  if (!isPlainObject(overrides)) return;
  for (const [kind, byName] of Object.entries(overrides)) {
    // only kinds the schema allows (an Environment cannot override an Environment)
    if (!isPlainObject(byName) || kind === 'Environment' || !(KINDS as readonly string[]).includes(kind)) continue;
    for (const [name, patch] of Object.entries(byName)) {
      const target = entries.find((x) => x.kind === kind && x.name === name);
      if (!target || !isPlainObject(patch)) continue; // reported by the environment-overrides rule
      (target.doc as { spec: unknown }).spec = mergePatch(target.doc.spec, patch);
      target.overriddenBy = envEntry.name;
      for (const p of patchedPaths(patch)) {
        target.overridden.push({ path: ['spec', ...p], env: envEntry.source, envPath: ['spec', 'overrides', kind, name, ...p] });
      }
    }
  }
}

/** A diagnostic inside a value set by an override points at the override, in the Environment file. */
function relocate(e: Entry, d: Diagnostic, path?: readonly PathSegment[], valueOffset?: number): Diagnostic {
  if (e.overriddenBy === undefined) return d;
  const segs = path ?? parsePath(d.path);
  const same = (a: readonly PathSegment[], b: readonly PathSegment[], n: number): boolean => a.slice(0, n).every((x, i) => String(x) === String(b[i]));
  for (const o of e.overridden) {
    let envPath: PathSegment[] | undefined;
    if (o.path.length <= segs.length && same(o.path, segs, o.path.length)) {
      envPath = [...o.envPath, ...segs.slice(o.path.length)]; // at or below a value the override set
    } else if (segs.length >= 2 && segs.length < o.path.length && same(segs, o.path, segs.length)) {
      envPath = o.envPath.slice(0, o.envPath.length - (o.path.length - segs.length)); // a block the override changed
    }
    if (envPath) {
      const moved = diagnosticAt(o.env, envPath, d.code, `${d.message} (value set by environment override)`, { severity: d.severity, valueOffset, key: isKeyDiagnostic(d) });
      return { ...moved, path: d.path };
    }
  }
  // elsewhere in a patched document (e.g. what a removal by `null` left behind): say so
  return { ...d, message: `${d.message} (in document as environment "${e.overriddenBy}" overrides it)` };
}

/**
 * Problems that only appear with an environment's overrides applied (an override that sets an
 * invalid value, or breaks a reference), so that `prospect validate` without --env catches what
 * `synth --env` would refuse. Each is said once, naming the environment.
 */
function environmentOnlyProblems(load: LoadResult, entries: readonly Entry[], asWritten: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => `${d.file}\0${d.line}\0${d.column}\0${d.code}`;
  const seen = new Set(asWritten.map(key));
  const out: Diagnostic[] = [];
  const envs = entries.filter((e) => e.kind === 'Environment' && e.envelopeOk && isPlainObject((e.doc.spec as { overrides?: unknown }).overrides));
  for (const env of envs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const overrides = (env.doc.spec as { overrides: Record<string, unknown> }).overrides;
    if (Object.values(overrides).every((byName) => !isPlainObject(byName) || Object.keys(byName).length === 0)) continue;
    for (const d of validateLoaded(load, { env: env.name, asWrittenOnly: true }).diagnostics) {
      if (seen.has(key(d))) continue;
      seen.add(key(d));
      out.push({ ...d, message: `with --env ${env.name}: ${d.message.replace(/ \(in document as environment "[^"]+" overrides it\)$/, '')}` });
    }
  }
  return out;
}

/**
 * One problem per node: where the schema already reports a node, a semantic finding at the same
 * place only repeats it (a malformed reference is also dangling). A literal secret is the exception:
 * it says more than "unknown key", so it is kept and the unknown-key diagnostic goes.
 */
function onePerNode(all: Diagnostic[], schema: ReadonlySet<Diagnostic>): Diagnostic[] {
  const at = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}`;
  const schemaAt = new Set([...schema].map(at));
  const secretAt = new Set(all.filter((d) => d.code === 'literal-secret').map(at));
  return all.filter((d) => {
    if (schema.has(d)) return !(d.code === 'unknown-key' && secretAt.has(at(d)));
    return d.code === 'literal-secret' || !schemaAt.has(at(d));
  });
}

function isKeyDiagnostic(d: Diagnostic): boolean {
  return d.code === 'unknown-key' || d.code === 'conflicting-keys';
}

/** Inverse of jsonPath() for the paths it produces. */
function parsePath(p: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]) as string);
  }
  return out;
}
