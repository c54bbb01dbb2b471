// A throwaway git repository for diff tests: real `git`, isolated from the user's configuration,
// with fixed dates so commit ids are the same on every run.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Doc, SpecSet } from '../../../specs/model';
import type { Synthesize } from '../../../review/diff/diff-command';
import type { TerraformJson } from '../../../review/diff/terraform-diff';

export const EXAMPLE = path.resolve(__dirname, '../../../examples/prospecting');

const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export class TestRepo {
  private commits = 0;
  constructor(readonly root: string) {}

  /** A new repository in a temp folder; `specs/` holds a copy of the example, committed as `main`. */
  static fromExample(): TestRepo {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-diff-test-'));
    const repo = new TestRepo(root);
    repo.git('init', '-q', '-b', 'main');
    fs.cpSync(EXAMPLE, path.join(root, 'specs'), { recursive: true, filter: (src) => !src.includes('.prospect-local') });
    repo.commit('the example');
    return repo;
  }

  get specDir(): string {
    return path.join(this.root, 'specs');
  }

  git(...args: string[]): string {
    const date = `2026-01-01T00:00:${String(this.commits).padStart(2, '0')}Z`;
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  }

  /** Commits everything; returns the commit id. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    this.commits++;
    return this.git('rev-parse', 'HEAD').trim();
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.specDir, file), 'utf8');
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.specDir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.specDir, file), text);
  }

  /** Replaces text in a spec file; fails when the text is not there (the example changed). */
  edit(file: string, from: string | RegExp, to: string): void {
    const before = this.read(file);
    const after = before.replace(from, to);
    if (after === before) throw new Error(`test fixture: ${String(from)} not found in ${file}`);
    this.write(file, after);
  }

  /** Removes the YAML documents of a file whose `name:` is one of these. */
  removeDocuments(file: string, names: readonly string[]): void {
    const docs = this.read(file).split(/^---\n/m);
    const kept = docs.filter((d) => !names.some((n) => new RegExp(`^  name: ${n}$`, 'm').test(d)));
    if (kept.length === docs.length) throw new Error(`test fixture: no document named ${names.join(', ')} in ${file}`);
    if (kept.length === 0) fs.rmSync(path.join(this.specDir, file));
    else this.write(file, kept.join('---\n'));
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * The real synthesizer, memoized on its input: consecutive diffs share a revision, and the same
 * spec set synthesizes to the same JSON (the stacks guarantee it).
 */
export function memoized(synthesize: Synthesize): Synthesize & { calls: number } {
  const cache = new Map<string, Promise<TerraformJson>>();
  const fn = Object.assign(
    (specs: SpecSet, env: Doc<'Environment'>) => {
      const key = JSON.stringify([env, Object.entries(specs.byKind).map(([k, m]) => [k, [...m.entries()]])]);
      let hit = cache.get(key);
      if (!hit) {
        fn.calls++;
        hit = synthesize(specs, env);
        cache.set(key, hit);
      }
      return hit;
    },
    { calls: 0 },
  );
  return fn;
}
