// Physical names (functions, roles, schedules, rules...) within AWS length limits, and
// construct ids from spec names. Both are stable: they depend on the name only.

import { createHash } from 'node:crypto';

/** `name` when it fits in `maxLength`, else a prefix of it plus an 8-character hash of the whole. */
export function physicalName(name: string, maxLength: number): string {
  if (name.length <= maxLength) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maxLength - 9).replace(/[-_.]+$/, '')}-${hash}`;
}

/**
 * A construct id from a free-form name (secret names may hold `/`, which construct paths
 * reserve): `/` becomes `__`, anything else outside `[A-Za-z0-9_.-]` becomes `_`.
 */
export function idFromName(name: string): string {
  return name.replace(/\//g, '__').replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** Escape Terraform template sequences so a literal string (spec text) is never interpolated. */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
