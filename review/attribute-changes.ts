// Attribute-level changes between two values, with Terraform's sensitivity and unknown markings
// applied. A value marked sensitive on either side is never copied into the result.

import { AttributeChange, JsonValue, ShownValue } from './report';

export type PathSegment = string | number;

/** The two sides of one change as a plan gives them. Marks are booleans or nested objects/arrays of booleans. */
export interface ChangeSides {
  readonly before: unknown;
  readonly after: unknown;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly afterUnknown?: unknown;
  /** Paths whose change forces a replacement. */
  readonly replacePaths?: readonly (readonly PathSegment[])[];
}

/**
 * Changed attributes, one per leaf (scalars and lists of scalars are leaves; a subtree marked
 * sensitive or unknown as a whole is one entry), sorted by path. `root` prefixes every path.
 */
export function attributeChanges(sides: ChangeSides, root: readonly PathSegment[] = []): AttributeChange[] {
  const out: AttributeChange[] = [];
  const replacePaths = sides.replacePaths ?? [];
  const emit: Emit = Object.assign(
    (path: PathSegment[], before: ShownValue, after: ShownValue) => {
      emit.count++;
      const rel = path.slice(root.length);
      out.push({
        path: path.length ? renderPath(path) : '(all attributes)',
        before,
        after,
        forcesReplacement: replacePaths.some((p) => isPrefix(p, rel) || isPrefix(rel, p)),
      });
    },
    { count: 0 },
  );
  walk([...root], sides.before, sides.after, sides.beforeSensitive, sides.afterSensitive, sides.afterUnknown, emit);
  return out;
}

/** Receives changed attributes; `count` says how many so far. */
interface Emit {
  (path: PathSegment[], before: ShownValue, after: ShownValue): void;
  count: number;
}

const SENSITIVE: ShownValue = { kind: 'sensitive' };
const UNKNOWN: ShownValue = { kind: 'unknown' };

/** Deeper than any real resource attribute: below this, a subtree is one change (and the walk cannot exhaust the stack). */
export const MAX_ATTRIBUTE_DEPTH = 64;

function walk(path: PathSegment[], b: unknown, a: unknown, bs: unknown, as: unknown, au: unknown, emit: Emit): void {
  if (path.length >= MAX_ATTRIBUTE_DEPTH) {
    const masked = hasTrue(bs) || hasTrue(as);
    const unknown = hasTrue(au);
    if (unknown || !sameValue(b, a)) emit(path, masked ? SENSITIVE : shown(b), masked ? SENSITIVE : unknown ? UNKNOWN : shown(a));
    return;
  }
  if (bs === true || as === true) {
    // Masked on either side: the value is secret on both (it may be the same value).
    if (au === true || !sameValue(b, a)) {
      emit(path, isEmpty(b) ? shown(null) : SENSITIVE, au === true || !isEmpty(a) ? SENSITIVE : shown(null));
    }
    return;
  }
  if (au === true) {
    // Unknown after: one entry, or one per leaf when the before side holds masked parts.
    if (isLeaf(b) && !hasTrue(bs) && !hasTrue(as)) {
      emit(path, shown(b), UNKNOWN);
    } else {
      const n = emit.count;
      for (const k of keysOf(b)) walk([...path, k], child(b, k), undefined, sub(bs, k), sub(as, k), true, emit);
      if (emit.count === n) emit(path, hasTrue(bs) || hasTrue(as) ? SENSITIVE : shown(b), hasTrue(as) ? SENSITIVE : UNKNOWN);
    }
    return;
  }
  if (!isComposite(b) && !isComposite(a)) {
    // Two scalars: marks shaped like objects here are malformed; any true in them still masks.
    const secret = hasTrue(bs) || hasTrue(as);
    const unknown = hasTrue(au);
    if (unknown || !sameValue(b, a)) {
      const after = unknown ? (secret ? SENSITIVE : UNKNOWN) : secret && !isEmpty(a) ? SENSITIVE : shown(a);
      emit(path, secret && !isEmpty(b) ? SENSITIVE : shown(b), after);
    }
    return;
  }
  if (isLeaf(b) && isLeaf(a) && !hasTrue(bs) && !hasTrue(as) && !hasTrue(au)) {
    if (!sameValue(b, a)) emit(path, shown(b), shown(a));
    return;
  }
  const n = emit.count;
  for (const k of keysOf(b, a, au)) walk([...path, k], child(b, k), child(a, k), sub(bs, k), sub(as, k), sub(au, k), emit);
  if (emit.count === n && !sameValue(b, a)) {
    // The sides differ in a way no child shows (marks shaped unlike the values): show it whole, masked if marked.
    const secret = hasTrue(bs) || hasTrue(as);
    emit(path, secret ? SENSITIVE : shown(b), secret ? SENSITIVE : shown(a));
  }
}

/** `a.b[0]["x.y"]`: identifiers joined by dots, other keys quoted, indexes in brackets. */
export function renderPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

function isPrefix(prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean {
  if (prefix.length > path.length || prefix.length === 0) return false;
  return prefix.every((s, i) => String(s) === String(path[i]));
}

function shown(v: unknown): ShownValue {
  return { kind: 'value', value: v === undefined ? null : (v as JsonValue) };
}

function isComposite(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

/** null, absent, `[]` and `{}` all mean "nothing set". */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** Scalars, empty values and lists of scalars are shown whole. */
function isLeaf(v: unknown): boolean {
  if (!isComposite(v) || isEmpty(v)) return true;
  return Array.isArray(v) && v.every((x) => !isComposite(x));
}

function hasTrue(mark: unknown): boolean {
  const stack: unknown[] = [mark];
  while (stack.length > 0) {
    const m = stack.pop();
    if (m === true) return true;
    if (isComposite(m)) stack.push(...Object.values(m as object));
  }
  return false;
}

function sub(mark: unknown, key: PathSegment): unknown {
  if (mark === true) return true;
  if (!isComposite(mark)) return undefined;
  return (mark as Record<string, unknown>)[key as string];
}

function child(v: unknown, key: PathSegment): unknown {
  if (!isComposite(v)) return undefined;
  return (v as Record<string, unknown>)[key as string];
}

/** Keys of all composite sides: indexes in order for lists, names sorted for objects. */
function keysOf(...sides: unknown[]): PathSegment[] {
  let maxLen = -1;
  const names = new Set<string>();
  for (const s of sides) {
    if (Array.isArray(s)) maxLen = Math.max(maxLen, s.length);
    else if (isComposite(s)) for (const k of Object.keys(s)) names.add(k);
  }
  const out: PathSegment[] = [];
  for (let i = 0; i < maxLen; i++) out.push(i);
  const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return out.concat(sorted);
}

/** Deep equality where null, absent and empty collections are the same. */
export function sameValue(x: unknown, y: unknown): boolean {
  // An explicit stack: plan values may nest deeper than the call stack allows.
  const stack: [unknown, unknown][] = [[x, y]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    if (isEmpty(a) && isEmpty(b)) continue;
    if (!isComposite(a) || !isComposite(b)) {
      if (a !== b) return false;
      continue;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const bb = b as unknown[];
      if (a.length !== bb.length) return false;
      a.forEach((v, i) => stack.push([v, bb[i]]));
      continue;
    }
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) stack.push([ao[k], bo[k]]);
  }
  return true;
}
