// "Did you mean": the closest known name to a misspelt one, by edit distance.

/** Levenshtein distance, with an early exit once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      best = Math.min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate most likely meant by `name`: same name in another case, else the one at the smallest
 * edit distance (at most a third of the name's length, and at least `minDistance`), else one whose
 * last path segment equals the name's (`state` -> `homeAddress.state`). Ties go to the
 * alphabetically first.
 */
export function closest(name: string, candidates: Iterable<string>, minDistance = 2): string | undefined {
  const sorted = [...candidates].sort();
  const lower = name.toLowerCase();
  const sameCase = sorted.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const limit = Math.max(minDistance, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of sorted) {
    const d = editDistance(lower, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  const last = lower.split('.').pop()!;
  return sorted.find((c) => c.toLowerCase().split('.').pop() === last);
}
