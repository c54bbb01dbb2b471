// The project's root folder (where package.json names prospect-iac), found from this file so
// that it works from the TypeScript sources (tests) and from dist/ (the CLI) alike.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function projectRoot(): string {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'prospect-iac') return (cached = dir);
    if (dirname(dir) === dir) throw new Error(`cannot find the prospect-iac package.json above ${__dirname}`);
  }
}

/** Cache folder for build outputs that synth reuses: node_modules/.cache/prospect-iac/<sub>. */
export function cacheDir(sub: string): string {
  return join(projectRoot(), 'node_modules', '.cache', 'prospect-iac', sub);
}
