// Reads the spec files of a folder as they are at a git revision, without touching the working
// tree: `git ls-tree` lists the files, one `git cat-file --batch` process reads them all.
// The result has the shape loadSpecDir() reads from disk, so both sides load the same way.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listSpecFiles } from '../../specs/loader';

/** One spec file: path relative to the spec folder (forward slashes) and its text. */
export interface SpecFile {
  readonly file: string;
  readonly text: string;
}

/** The spec folder at one revision. */
export interface SpecRevision {
  /** The revision as the user named it (`origin/main`), or `working tree`. */
  readonly label: string;
  /** Full commit id; left out for the working tree. */
  readonly commit?: string;
  /**
   * False when the folder does not exist at that revision. Its spec set is then empty: at the
   * base, everything in the head is added (a change that introduces the spec set); at the head,
   * everything is removed.
   */
  readonly present: boolean;
  /** In the order loadSpecDir() reads them. */
  readonly files: readonly SpecFile[];
}

/** A git problem with a message for the user; `exitCode` 2 for bad input (unknown ref, no repository). */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const WORKING_TREE = 'working tree';

/** Where a folder sits in its repository. */
export interface RepoLocation {
  /** The repository's top folder (`git rev-parse --show-toplevel`). */
  readonly top: string;
  /** The folder's path inside the repository, forward slashes, `''` for the top itself. */
  readonly prefix: string;
}

/**
 * The repository holding `dir`. The folder itself may be missing (deleted in the working tree):
 * its nearest existing parent decides.
 */
export function locateRepo(dir: string): RepoLocation {
  const abs = path.resolve(dir);
  let existing = abs;
  while (!isDirectory(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) throw new GitError(`${dir}: no such folder`, 2);
    existing = parent;
  }
  const r = git(['rev-parse', '--show-toplevel'], existing);
  if (r.status !== 0) {
    if (/not a git repository/i.test(r.stderr)) throw new GitError(`${dir} is not inside a git repository; prospect diff reads the spec set at --base from git`, 2);
    throw new GitError(`git rev-parse failed in ${existing}: ${firstLine(r.stderr)}`, 1);
  }
  const top = r.stdout.trim();
  const missing = path.relative(existing, abs);
  const rel = path.relative(fs.realpathSync(top), fs.realpathSync(existing));
  const prefix = toPosix(path.join(rel, missing));
  if (prefix === '..' || prefix.startsWith('../')) throw new GitError(`${dir} is outside the repository at ${top}`, 2);
  return { top, prefix: prefix === '.' ? '' : prefix };
}

/** The commit a ref names, or a GitError (exit 2) saying the ref is unknown. */
export function resolveCommit(top: string, ref: string): string {
  const r = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], top);
  if (r.status === 0) return r.stdout.trim();
  const hint = /^origin\//.test(ref)
    ? ` (fetch it first: git fetch origin ${ref.slice('origin/'.length)}; in GitHub Actions, actions/checkout with fetch-depth: 0)`
    : '';
  throw new GitError(`unknown git revision "${ref}"${hint}`, 2);
}

/** The spec files of `dir` at `ref`: a folder absent there gives `present: false` and no files. */
export function readSpecRevision(dir: string, ref: string, location: RepoLocation = locateRepo(dir)): SpecRevision {
  const commit = resolveCommit(location.top, ref);
  const { top, prefix } = location;
  if (prefix !== '') {
    const t = git(['cat-file', '-t', `${commit}:${prefix}`], top);
    if (t.status !== 0) return { label: ref, commit, present: false, files: [] };
    if (t.stdout.trim() !== 'tree') throw new GitError(`${prefix} is a file, not a folder, at ${ref}`, 2);
  }
  // --literal-pathspecs: a folder name with `*` or `?` is a name, not a pattern.
  const ls = git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])], top);
  if (ls.status !== 0) throw new GitError(`git ls-tree ${ref} failed: ${firstLine(ls.stderr)}`, 1);
  const blobs: { file: string; sha: string }[] = [];
  for (const entry of ls.stdout.split('\0')) {
    if (!entry) continue;
    // `<mode> SP <type> SP <object> TAB <path>`; symbolic links (120000) are skipped like on disk.
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (!m || m[2] !== 'blob' || m[1] === '120000') continue;
    const file = prefix ? m[4].slice(prefix.length + 1) : m[4];
    if (isSpecPath(file)) blobs.push({ file, sha: m[3] });
  }
  blobs.sort((a, b) => compareWalkOrder(a.file, b.file));
  const texts = catBlobs(top, blobs.map((b) => b.sha));
  return { label: ref, commit, present: true, files: blobs.map((b, i) => ({ file: b.file, text: texts[i] })) };
}

/** The spec files of `dir` on disk (the working tree), read like loadSpecDir() reads them. */
export function readWorkingTree(dir: string): SpecRevision {
  if (!isDirectory(dir)) return { label: WORKING_TREE, present: false, files: [] };
  const files = listSpecFiles(dir).map((f) => ({ file: toPosix(path.relative(dir, f)), text: fs.readFileSync(f, 'utf8') }));
  return { label: WORKING_TREE, present: true, files };
}

/** What listSpecFiles() reads: `*.yaml`/`*.yml`, not below `.git`, `node_modules` or a dot folder. */
function isSpecPath(file: string): boolean {
  const parts = file.split('/');
  const dirs = parts.slice(0, -1);
  if (dirs.some((d) => d === 'node_modules' || d.startsWith('.'))) return false;
  return /\.ya?ml$/i.test(parts[parts.length - 1]);
}

/** The order of listSpecFiles(): names sorted per folder, a folder's files where its name sorts. */
function compareWalkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** Contents of blobs through one `git cat-file --batch` process, in the order asked. */
function catBlobs(top: string, shas: readonly string[]): string[] {
  if (shas.length === 0) return [];
  const r = spawnSync('git', ['cat-file', '--batch'], { cwd: top, input: shas.join('\n') + '\n', maxBuffer: 1 << 30 });
  if (r.error) throw gitMissing(r.error);
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${firstLine(r.stderr.toString('utf8'))}`, 1);
  const out = r.stdout;
  const texts: string[] = [];
  let pos = 0;
  for (const sha of shas) {
    const nl = out.indexOf(0x0a, pos);
    const header = out.toString('utf8', pos, nl);
    const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
    if (nl < 0 || !m || m[1] !== sha) throw new GitError(`git cat-file: unexpected answer "${header}" for ${sha}`, 1);
    const size = Number(m[2]);
    texts.push(out.toString('utf8', nl + 1, nl + 1 + size));
    pos = nl + 1 + size + 1; // the content is followed by a newline
  }
  return texts;
}

function git(args: readonly string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  if (r.error) throw gitMissing(r.error);
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function gitMissing(e: Error): GitError {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? new GitError('git is not installed or not on PATH; prospect diff needs it', 2) : new GitError(`cannot run git: ${e.message}`, 1);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(s: string): string {
  return s.trim().split('\n')[0] ?? '';
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
