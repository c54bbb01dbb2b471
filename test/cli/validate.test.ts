// `prospect validate [DIR] [--env NAME] [--format text|json]`: exit 0 clean, 1 errors found,
// 2 bad usage; every problem at once, sorted, in the contract's text and json formats.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bufferIo } from '../../cli/io';
import { main } from '../../cli/main';
import { edit, Files, locate, Patch, specSet } from '../specs/fixtures';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'prospecting');
const TEXT_LINE = /^([^:\s]+):(\d+):(\d+)  (error|warning)  ([a-z0-9-]+)  (.+)$/;

const dirs: string[] = [];
function writeSet(files: Files): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-validate-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}
const json = (stdout: string) => (JSON.parse(stdout) as { diagnostics: { code: string; severity: string; message: string; file: string; line: number; column: number; path: string }[] }).diagnostics;

/** Three independent problems in three files. */
const BROKEN: Patch[] = [
  edit('sources.yaml', 'AGE: age', 'AGE: agee'),
  edit('identity.yaml', 'type: email', 'type: e-mail'),
  edit('activations.yaml', 'destination: match-s3', 'destination: match-s4'),
];

describe('prospect validate: exit codes', () => {
  it('0 for the bundled example, with a summary line', async () => {
    const r = await run('validate', EXAMPLE);
    expect(r).toEqual({ code: 0, stdout: 'ok: 0 errors, 0 warnings in 21 documents (9 files)\n', stderr: '' });
  });

  it('0 for the example with each of its environments', async () => {
    for (const env of ['dev', 'prod', 'local']) expect((await run('validate', EXAMPLE, '--env', env)).code).toBe(0);
  });

  it('0 when only warnings are found, and the warnings are printed', async () => {
    const dir = writeSet(specSet(edit('audiences.yaml', 'incomeBand in ["A", "B"]', 'incomeBand in ["A", "Z"]')));
    const r = await run('validate', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^audiences\.yaml:7:\d+  warning  audience-value-not-in-enum  "Z" is not one of the values/);
    expect(r.stdout).toContain('ok: 0 errors, 1 warning in 13 documents (9 files)');
  });

  it('1 when errors are found', async () => {
    expect((await run('validate', writeSet(specSet(...BROKEN)))).code).toBe(1);
    expect((await run('validate', writeSet(specSet(...BROKEN)), '--format', 'json')).code).toBe(1);
  });

  it('1 for broken YAML, as a diagnostic and not a stack trace', async () => {
    const r = await run('validate', writeSet({ 'a.yaml': 'a: [1, 2\nb: 3\n' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^a\.yaml:2:1  error  yaml-syntax  /m);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['an unknown option', ['--strict'], /Unknown option '--strict'[\s\S]*usage: prospect validate/],
    ['a bad --format', ['--format', 'yaml'], /--format must be one of text, json, got "yaml"/],
    ['--format without a value', ['--format'], /--format/],
    ['an unknown --env', ['--env', 'staging'], /environment "staging" is not declared in the spec set \(declared: dev, local, prod\)/],
    ['two folders', ['other'], /unexpected argument "other"/],
  ])('2 for %s, with a one-line message on stderr', async (_name, extra, message) => {
    const r = await run('validate', EXAMPLE, ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^prospect: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('2 for a missing folder', async () => {
    const r = await run('validate', '/nonexistent/specs');
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'prospect: spec folder not found: /nonexistent/specs\n' });
  });

  it('2 for a file given instead of a folder', async () => {
    const r = await run('validate', path.join(EXAMPLE, 'dataset.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not a folder');
  });

  it('validates the current folder when DIR is left out', async () => {
    const cwd = process.cwd();
    try {
      process.chdir(EXAMPLE);
      expect((await run('validate')).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('prospect validate: output', () => {
  it('text: every problem at once, sorted, one `file:line:column  severity  code  message` line each, then the summary', async () => {
    const files = specSet(...BROKEN);
    const r = await run('validate', writeSet(files));
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.pop()).toBe('failed: 3 errors, 0 warnings in 13 documents (9 files)');
    const pos = (file: string, needle: string, sub?: string) => {
      const p = locate(files, file, needle, sub);
      return `${file}:${p.line}:${p.column}`;
    };
    expect(lines).toEqual([
      `${pos('activations.yaml', 'match-s4')}  error  dangling-reference  Destination "match-s4" does not exist: did you mean "match-s3"? declared Destinations: match-s3, media-sftp`,
      `${pos('identity.yaml', 'e-mail')}  error  invalid-value  spec.type is "e-mail": expected one of "partner", "email", "phone", "cookie", "device", "cross_device", "non_people" (did you mean "email"?)`,
      `${pos('sources.yaml', 'agee')}  error  source-mapping  column "AGE" maps to "agee", which is not a field of schema "prospect-profile": did you mean "age"?`,
    ]);
    for (const l of lines) expect(l).toMatch(TEXT_LINE);
  });

  it('json: the contract fields, the same problems, and nothing else on stdout', async () => {
    const r = await run('validate', writeSet(specSet(...BROKEN)), '--format', 'json');
    const diags = json(r.stdout);
    expect(diags.map((d) => `${d.file}:${d.line} ${d.code} ${d.path}`)).toEqual([
      'activations.yaml:6 dangling-reference $.spec.destination',
      'identity.yaml:15 invalid-value $.spec.type',
      'sources.yaml:13 source-mapping $.spec.mapping.AGE',
    ]);
    for (const d of diags) {
      expect(Object.keys(d)).toEqual(['code', 'severity', 'message', 'file', 'line', 'column', 'path']);
      expect(d.severity).toBe('error');
    }
    expect(r.stderr).toBe('');
  });

  it('json for a clean set is an empty list', async () => {
    const r = await run('validate', EXAMPLE, '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ diagnostics: [] });
  });

  it('names files relative to DIR with forward slashes, below sub-folders too', async () => {
    const files = specSet();
    const nested: Files = {};
    for (const [k, v] of Object.entries(files)) nested[k === 'dataset.yaml' ? 'data/sets/dataset.yaml' : k] = v;
    nested['data/sets/dataset.yaml'] = nested['data/sets/dataset.yaml'].replace('afterDays: 90', 'afterDays: 0');
    const diags = json((await run('validate', writeSet(nested), '--format', 'json')).stdout);
    expect(diags.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['data/sets/dataset.yaml:8:16']);
  });

  it('the same problem found twice is reported once', async () => {
    // the same broken file under two names gives two diagnostics (different files), each once
    const files = specSet(edit('dataset.yaml', 'afterDays: 90', 'afterDays: 0'));
    const diags = json((await run('validate', writeSet(files), '--format', 'json')).stdout);
    const keys = diags.map((d) => `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(diags).toHaveLength(1);
  });

  it('--env applies the overrides and reports problems in them in the Environment file', async () => {
    const files = specSet(edit('environments.yaml', 'expiration: {afterDays: 30}', 'expiration: {afterDays: 0}'));
    const dir = writeSet(files);
    const plain = await run('validate', dir);
    expect(plain.code).toBe(1); // without --env, each environment's overrides are checked too
    expect(plain.stdout).toContain('with --env dev: spec.expiration.afterDays is 0');
    const r = await run('validate', dir, '--env', 'dev', '--format', 'json');
    expect(r.code).toBe(1);
    const p = locate(files, 'environments.yaml', 'afterDays: 0', '0');
    expect(json(r.stdout).map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([`environments.yaml:${p.line}:${p.column} invalid-value`]);
  });

  // BUG (specs/validate.ts): semantic rules only see documents that passed their schema, and
  // look their references up among those. A schema error in a dataset (afterDays: 0) hides the
  // unknown field in an audience over it, which only appears after the dataset is fixed: not
  // "every problem reported at once".
  test('a schema error in a dataset does not hide problems in the audiences over it', async () => {
    const files = specSet(edit('dataset.yaml', 'afterDays: 90', 'afterDays: 0'), edit('audiences.yaml', 'age between 30 and 55', 'agee between 30 and 55'));
    const codes = json((await run('validate', writeSet(files), '--format', 'json')).stdout).map((d) => d.code);
    expect(codes).toEqual(['audience-unknown-field', 'invalid-value']);
  });
});
