// Spec-level changes between two revisions of a spec set: documents added, removed and changed
// (field by field), keyed by kind and name. Documents are compared as written, before any
// environment's overrides: that is what the author changed (overrides show as changes of the
// Environment document). A renamed document is a removal plus an addition; when the two are
// otherwise equal, it is also reported as a possible rename.

import { attributeChanges } from '../attribute-changes';
import { SpecDocumentChange, SpecFieldChange, compareStrings } from '../report';
import type { SourceDocument } from '../../specs/loader';
import { KINDS } from '../../specs/model';

/** A document of one revision, as written. */
export interface SpecDocument {
  readonly kind: string;
  readonly name: string;
  /** Relative to the spec folder. */
  readonly file: string;
  /** The whole document (apiVersion, kind, metadata, spec). */
  readonly value: unknown;
}

/** A removed and an added document of one kind that are equal but for their name. */
export interface PossibleRename {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
}

export interface SpecDiff {
  /** Sorted by kind (in the order of SPEC-FORMAT.md's table), then name. */
  readonly changes: SpecDocumentChange[];
  readonly renames: PossibleRename[];
}

/** Documents that have a kind and a name; the first of a duplicate wins, as in validation. */
export function specDocuments(docs: readonly SourceDocument[]): SpecDocument[] {
  const out: SpecDocument[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    const v = d.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
    if (typeof v !== 'object' || v === null || typeof v.kind !== 'string' || typeof v.metadata?.name !== 'string') continue;
    const key = keyOf(v.kind, v.metadata.name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: v.kind, name: v.metadata.name, file: d.file, value: d.value });
  }
  return out;
}

export function diffSpecs(base: readonly SpecDocument[], head: readonly SpecDocument[]): SpecDiff {
  const before = new Map(base.map((d) => [keyOf(d.kind, d.name), d]));
  const after = new Map(head.map((d) => [keyOf(d.kind, d.name), d]));
  const changes: SpecDocumentChange[] = [];
  for (const [key, b] of before) {
    const a = after.get(key);
    if (!a) {
      changes.push({ kind: b.kind, name: b.name, change: 'removed', file: b.file, fields: [] });
      continue;
    }
    const fields = fieldChanges(b.value, a.value);
    if (fields.length) changes.push({ kind: a.kind, name: a.name, change: 'changed', file: a.file, fields });
  }
  for (const [key, a] of after) {
    if (!before.has(key)) changes.push({ kind: a.kind, name: a.name, change: 'added', file: a.file, fields: [] });
  }
  changes.sort((x, y) => kindRank(x.kind) - kindRank(y.kind) || compareStrings(x.kind, y.kind) || compareStrings(x.name, y.name));

  const renames: PossibleRename[] = [];
  const added = head.filter((d) => !before.has(keyOf(d.kind, d.name)));
  const taken = new Set<SpecDocument>();
  for (const r of base.filter((d) => !after.has(keyOf(d.kind, d.name)))) {
    const match = added.find((a) => !taken.has(a) && a.kind === r.kind && fieldChanges(withoutName(r.value), withoutName(a.value)).length === 0);
    if (match) {
      taken.add(match);
      renames.push({ kind: r.kind, from: r.name, to: match.name });
    }
  }
  return { changes, renames };
}

/** Changed fields between two documents, with paths like `spec.expiration.afterDays`. */
export function fieldChanges(before: unknown, after: unknown): SpecFieldChange[] {
  // Lists of scalars (marketingActions, attributes) are one field each; lists of objects go by index.
  return attributeChanges({ before, after }).map((c) => ({ path: c.path, before: c.before, after: c.after }));
}

function withoutName(value: unknown): unknown {
  const v = value as { metadata?: Record<string, unknown> };
  if (typeof v !== 'object' || v === null) return value;
  const metadata = { ...(v.metadata ?? {}) };
  delete metadata.name;
  return { ...v, metadata };
}

function keyOf(kind: string, name: string): string {
  return `${kind}/${name}`;
}

function kindRank(kind: string): number {
  const i = (KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? KINDS.length : i;
}
