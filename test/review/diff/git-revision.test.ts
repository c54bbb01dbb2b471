import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitError, locateRepo, readSpecRevision, readWorkingTree } from '../../../review/diff/git-revision';
import { listSpecFiles } from '../../../specs/loader';
import { TestRepo } from './git-fixture';

describe('reading a spec folder at a git revision', () => {
  let repo: TestRepo;
  let first: string;
  beforeAll(() => {
    repo = TestRepo.fromExample();
    first = repo.git('rev-parse', 'HEAD').trim();
  });
  afterAll(() => repo.dispose());

  test('gives the files loadSpecDir reads from disk, same paths, order and text', () => {
    const rev = readSpecRevision(repo.specDir, 'main');
    const disk = readWorkingTree(repo.specDir);
    expect(rev).toMatchObject({ label: 'main', commit: first, present: true });
    expect(rev.files.map((f) => f.file)).toEqual(listSpecFiles(repo.specDir).map((f) => path.relative(repo.specDir, f)));
    expect(rev.files).toEqual(disk.files);
    expect(rev.files.map((f) => f.file)).toContain('dataset.yaml');
  });

  test('reads the revision, not the working tree', () => {
    repo.edit('dataset.yaml', 'afterDays: 90', 'afterDays: 7');
    try {
      expect(readSpecRevision(repo.specDir, 'HEAD').files.find((f) => f.file === 'dataset.yaml')?.text).toContain('afterDays: 90');
      expect(readWorkingTree(repo.specDir).files.find((f) => f.file === 'dataset.yaml')?.text).toContain('afterDays: 7');
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  test('walks sub-folders in the loader order, skipping dot folders, node_modules, symlinks and other files', () => {
    repo.write('a/x.yaml', 'kind: A\n');
    repo.write('a.yaml', 'kind: B\n');
    repo.write('b/c/deep.YML', 'kind: C\n');
    repo.write('.hidden/h.yaml', 'kind: H\n');
    repo.write('node_modules/n.yaml', 'kind: N\n');
    repo.write('notes.txt', 'not a spec\n');
    repo.write('with space é.yaml', 'kind: S\n');
    fs.symlinkSync('a.yaml', path.join(repo.specDir, 'link.yaml'));
    const sha = repo.commit('layout');
    try {
      const files = readSpecRevision(repo.specDir, sha).files.map((f) => f.file);
      expect(files).toEqual(listSpecFiles(repo.specDir).map((f) => path.relative(repo.specDir, f)));
      expect(files).toEqual(expect.arrayContaining(['a/x.yaml', 'a.yaml', 'b/c/deep.YML', 'with space é.yaml']));
      expect(files.indexOf('a/x.yaml')).toBeLessThan(files.indexOf('a.yaml'));
      expect(files.some((f) => f.includes('hidden') || f.includes('node_modules') || f === 'link.yaml' || f === 'notes.txt')).toBe(false);
      expect(readSpecRevision(repo.specDir, sha).files.find((f) => f.file === 'with space é.yaml')?.text).toBe('kind: S\n');
    } finally {
      repo.git('reset', '-q', '--hard', first);
      repo.git('clean', '-qfdx');
    }
  });

  test('a folder absent at the revision is an empty spec set (present: false)', () => {
    const other = path.join(repo.root, 'later');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'x.yaml'), 'kind: X\n');
    try {
      expect(readSpecRevision(other, first)).toEqual({ label: first, commit: first, present: false, files: [] });
    } finally {
      fs.rmSync(other, { recursive: true });
    }
  });

  test('a folder deleted from the working tree is located through its parent', () => {
    const gone = path.join(repo.root, 'deleted-specs');
    expect(locateRepo(gone)).toEqual({ top: repo.git('rev-parse', '--show-toplevel').trim(), prefix: 'deleted-specs' });
    expect(readWorkingTree(gone)).toEqual({ label: 'working tree', present: false, files: [] });
  });

  test('the repository top itself is a spec folder with an empty prefix', () => {
    expect(locateRepo(repo.root).prefix).toBe('');
    expect(readSpecRevision(repo.root, 'HEAD').files.map((f) => f.file)).toContain('specs/dataset.yaml');
  });

  test('an unknown revision is bad usage (exit 2) naming it, with a fetch hint for origin/...', () => {
    expect(() => readSpecRevision(repo.specDir, 'no-such-branch')).toThrow(new GitError('unknown git revision "no-such-branch"', 2));
    expect(() => readSpecRevision(repo.specDir, 'origin/main')).toThrow(/unknown git revision "origin\/main" \(fetch it first: git fetch origin main; in GitHub Actions, actions\/checkout with fetch-depth: 0\)/);
    // Option-like refs are refs, never git options.
    expect(() => readSpecRevision(repo.specDir, '--output=/tmp/x')).toThrow(/unknown git revision "--output=\/tmp\/x"/);
  });

  test('a file where the folder should be is bad usage', () => {
    expect(() => readSpecRevision(path.join(repo.specDir, 'dataset.yaml'), 'HEAD')).toThrow(/specs\/dataset.yaml is a file, not a folder, at HEAD/);
  });

  test('a folder outside any git repository is bad usage (exit 2)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-nogit-'));
    try {
      let err: unknown;
      try {
        locateRepo(dir);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GitError);
      expect((err as GitError).exitCode).toBe(2);
      expect((err as GitError).message).toBe(`${dir} is not inside a git repository; prospect diff reads the spec set at --base from git`);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
});
