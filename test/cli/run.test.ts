// `prospect run`, `prospect ingest` and `prospect audience preview` on the example's local
// environment, over the generated sample partner files: the real pipeline end to end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bufferIo } from '../../cli/io';
import { main } from '../../cli/main';
import { Expectations, generatePartnerFiles, localTargets } from '../../examples/generate-partner-files';

const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'prospecting');
const TIME = '2026-12-01T06:00:00Z';

function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-run-'));
  for (const f of fs.readdirSync(EXAMPLE)) if (f.endsWith('.yaml')) fs.copyFileSync(path.join(EXAMPLE, f), path.join(dir, f));
  return dir;
}

function filesBelow(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      // .meta/ holds the local store's object metadata (its write time, like S3's LastModified)
      if (e.isDirectory()) {
        if (path.relative(dir, p) !== '.meta') walk(p);
      } else out[path.relative(dir, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(dir);
  return out;
}

async function run(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('prospect run --env local on the generated sample files', () => {
  let spec: string;
  let expected: Expectations;

  beforeAll(async () => {
    spec = copyExample();
    const t = localTargets(spec);
    expected = await generatePartnerFiles({ outDir: t.outDir, csvDir: t.csvDir, jsonDir: t.jsonDir });
  });

  test('ingests, segments and exports with the expected counts and audience sizes', async () => {
    const r = await run('run', spec, '--env', 'local', '--time', TIME, '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const byFile = Object.fromEntries(out.ingest.files.map((f: { source: string }) => [f.source, f]));
    for (const [source, e] of Object.entries(expected.files)) {
      expect(byFile[source]).toMatchObject({ outcome: 'ingested', status: 'published', rowsRead: e.records, accepted: e.good, rejected: e.bad });
    }
    expect(out.ingest.totals.rowsRead).toBe(out.ingest.totals.accepted + out.ingest.totals.rejected);
    expect(out.audiences.datasets).toEqual([{ dataset: 'acme-prospects', profiles: expected.profiles }]);
    expect(Object.fromEntries(out.audiences.audiences.map((a: { name: string; size: number }) => [a.name, a.size]))).toEqual(expected.audiences);
    expect(out.audiences.exports.map((e: { status: string }) => e.status)).toEqual(['exported', 'exported']);
  });

  test('running again with the same time changes nothing: files already ingested, the same objects rewritten byte for byte', async () => {
    const root = path.join(spec, '.prospect-local');
    const before = filesBelow(root);
    const r = await run('run', spec, '--env', 'local', '--time', TIME);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 files (0 ingested, 2 already ingested)');
    expect(filesBelow(root)).toEqual(before);
  });

  test('prints a text summary: counts per file, profiles, audience sizes and files written', async () => {
    const r = await run('run', spec, '--env', 'local', '--time', TIME);
    expect(r.stdout).toMatch(/^ingest: 2 files/m);
    expect(r.stdout).toContain(`profiles: acme-prospects ${expected.profiles}`);
    for (const [name, size] of Object.entries(expected.audiences)) expect(r.stdout).toMatch(new RegExp(`^  ${name} +${size}$`, 'm'));
    expect(r.stdout).toMatch(/^exports:\n {2}\S+ -> partner-match-s3: \d+ rows in 2 files/m);
  });

  test('audience preview: the size and a sample of members', async () => {
    const [name, size] = Object.entries(expected.audiences)[0];
    const r = await run('audience', 'preview', name, spec, '--env', 'local', '--sample', '2', '--format', 'json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ audience: name, size, profiles: expected.profiles });
    expect(p.sample).toHaveLength(2);
  });

  test('audience preview of an unknown audience is one clear line', async () => {
    const r = await run('audience', 'preview', 'no-such-audience', spec, '--env', 'local');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no-such-audience');
  });
});

describe('prospect ingest', () => {
  test('--dry-run checks a partner sample file, prints the manifest and writes nothing', async () => {
    const spec = copyExample();
    const sample = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-sample-'));
    const e = await generatePartnerFiles({ outDir: sample, csvDir: sample, jsonDir: sample, files: ['csv'], rows: { csv: 500 } });
    const csv = fs.readdirSync(sample).find((f) => f.endsWith('.csv'))!;
    const r = await run('ingest', path.join(sample, csv), '--source', 'acme-s3-drop', spec, '--env', 'local', '--dry-run', '--format', 'json');
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout).manifest;
    expect(m).toMatchObject({ dryRun: true, rowsRead: 500, accepted: e.files['acme-s3-drop'].good, rejected: e.files['acme-s3-drop'].bad });
    expect(fs.existsSync(path.join(spec, '.prospect-local'))).toBe(false);
  });

  test('a file that is not what its source says is rejected with a reason and exit 1', async () => {
    const spec = copyExample();
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-bad-')), 'drop.csv');
    fs.writeFileSync(bad, '\x00\x01PK\x03\x04 this is not a CSV file at all');
    const r = await run('ingest', bad, '--source', 'acme-s3-drop', spec, '--env', 'local');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/acme-s3-drop -> acme-prospects: (failed|rejected-threshold)/);
    expect(r.stderr).toBe('');
  });

  test('an unknown source and a missing file are one-line errors', async () => {
    const spec = copyExample();
    const r1 = await run('ingest', __filename, '--source', 'nope', spec, '--env', 'local');
    expect(r1.code).not.toBe(0);
    expect(r1.stderr).toMatch(/^prospect: .*nope.*\n$/);
    const r2 = await run('ingest', '/no/such/file.csv', '--source', 'acme-s3-drop', spec, '--env', 'local');
    expect(r2.code).not.toBe(0);
    expect(r2.stderr).toMatch(/^prospect: .*no such file\n$/);
  });

  test('run refuses an aws environment: it runs in Lambda there', async () => {
    const r = await run('run', EXAMPLE, '--env', 'dev');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('runtime aws');
  });
});
