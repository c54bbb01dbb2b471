// Environment overrides: a JSON merge patch (RFC 7396) per kind and document name over `spec`.

import type { PathSegment } from './diagnostics';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** RFC 7396: objects merge key by key, `null` deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Paths (relative to the patched value) whose values the patch sets or replaces. */
export function patchedPaths(patch: unknown, base: PathSegment[] = []): PathSegment[][] {
  if (!isPlainObject(patch)) return [base];
  const out: PathSegment[][] = [];
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) continue;
    out.push(...patchedPaths(v, [...base, k]));
  }
  return out;
}
