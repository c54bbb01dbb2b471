// The sample partner files are deterministic, and expected.json tells the truth about them: the
// test re-reads the files with its own CSV / JSON-lines reader and its own checks of the example
// schema (not the generator's), and recounts records, lines, bad rows, profiles and audiences.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseAllDocuments } from 'yaml';
import {
  BadRowReason,
  CSV_SOURCE,
  EXPECTED_FILE,
  Expectations,
  generatePartnerFiles,
  JSON_SOURCE,
  localTargets,
  main,
} from '../../examples/generate-partner-files';

const EXAMPLE_DIR = path.join(__dirname, '..', '..', 'examples', 'prospecting');

// ---- the example specs, read directly ----

interface Field {
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
  enum?: (string | number)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  required?: boolean;
}

function exampleDocs(): { kind: string; metadata: { name: string }; spec: Record<string, unknown> }[] {
  return fs
    .readdirSync(EXAMPLE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(EXAMPLE_DIR, f), 'utf8')) as unknown as { toJS(): unknown }[])
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> });
}

const docs = exampleDocs();
const schemaFields = (docs.find((d) => d.kind === 'Schema')!.spec.fields ?? {}) as Record<string, Field>;
const mappingOf = (source: string): Record<string, string> => docs.find((d) => d.kind === 'Source' && d.metadata.name === source)!.spec.mapping as Record<string, string>;
const thresholdOf = (source: string): number => docs.find((d) => d.kind === 'Source' && d.metadata.name === source)!.spec.errorThreshold as number;

// ---- an independent checker of one record against the schema ----

type Value = string | number | boolean | null;
type Record_ = Record<string, Value>;

const REASON_OF_FIELD: Record<string, BadRowReason> = {
  age: 'age-out-of-range',
  'homeAddress.postalCode': 'bad-zip',
  incomeBand: 'unknown-income-band',
  birthDate: 'bad-date',
};

function validCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Problems of one mapped record: a list of reasons (empty when the record is good). */
function problems(rec: Record_, typed: boolean): BadRowReason[] {
  const out: BadRowReason[] = [];
  for (const [field, spec] of Object.entries(schemaFields)) {
    const raw = rec[field];
    const reasonFor = (): BadRowReason => (field === 'partnerId' ? 'malformed-partner-id' : (REASON_OF_FIELD[field] ?? (`bad-${field}` as BadRowReason)));
    if (raw === null || raw === undefined || raw === '') {
      if (spec.required) out.push(field === 'partnerId' ? 'missing-partner-id' : (`missing-${field}` as BadRowReason));
      continue;
    }
    let v: Value = raw;
    if (spec.type === 'integer') {
      if (typed) {
        if (typeof raw !== 'number' || !Number.isInteger(raw)) {
          out.push('wrong-type');
          continue;
        }
      } else if (!/^-?[0-9]+$/.test(String(raw))) {
        out.push(reasonFor());
        continue;
      }
      v = Number(raw);
      if ((spec.minimum !== undefined && v < spec.minimum) || (spec.maximum !== undefined && v > spec.maximum)) out.push(reasonFor());
      continue;
    }
    if (spec.type === 'boolean') {
      if (typed ? typeof raw !== 'boolean' : !['true', 'false'].includes(String(raw))) out.push(typed ? 'wrong-type' : reasonFor());
      continue;
    }
    if (typed && typeof raw !== 'string') {
      out.push('wrong-type');
      continue;
    }
    const s = String(raw);
    if (spec.type === 'date' && !validCalendarDate(s)) out.push(reasonFor());
    if (spec.type === 'datetime' && !(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s) && validCalendarDate(s.slice(0, 10)))) out.push(reasonFor());
    if (spec.pattern && !new RegExp(spec.pattern).test(s)) out.push(reasonFor());
    if (spec.enum && !spec.enum.includes(s)) out.push(reasonFor());
    if (spec.maxLength !== undefined && s.length > spec.maxLength) out.push(reasonFor());
  }
  return out;
}

// ---- reading the generated files ----

interface ReadRow {
  readonly record: number;
  readonly reasons: BadRowReason[];
  readonly rec?: Record_;
}

function readCsv(file: string): { header: string[]; rows: ReadRow[]; lines: number; quotedNewlines: number; raw: string[][] } {
  const text = fs.readFileSync(file, 'utf8');
  const all = parseCsv(text, { relax_column_count: true }) as string[][];
  const [header, ...raw] = all;
  const mapping = mappingOf(CSV_SOURCE);
  const rows = raw.map((cells, i): ReadRow => {
    if (cells.length !== header.length) return { record: i + 1, reasons: ['too-many-columns'] };
    const rec: Record_ = {};
    header.forEach((col, c) => (rec[mapping[col]] = cells[c] === '' ? null : cells[c]));
    return { record: i + 1, reasons: problems(rec, false), rec };
  });
  return {
    header,
    rows,
    lines: text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length,
    quotedNewlines: raw.reduce((n, cells) => n + cells.reduce((m, c) => m + (c.match(/\n/g) ?? []).length, 0), 0),
    raw,
  };
}

function readJsonLines(file: string): { rows: ReadRow[]; lines: number; keys: Set<string> } {
  const text = gunzipSync(fs.readFileSync(file)).toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  const mapping = mappingOf(JSON_SOURCE);
  const keys = new Set<string>();
  const rows = lines.map((line, i): ReadRow => {
    let o: Record<string, Value>;
    try {
      o = JSON.parse(line) as Record<string, Value>;
    } catch {
      return { record: i + 1, reasons: ['invalid-json'] };
    }
    const rec: Record_ = {};
    for (const [k, v] of Object.entries(o)) {
      keys.add(k);
      rec[mapping[k]] = v;
    }
    return { record: i + 1, reasons: problems(rec, true), rec };
  });
  return { rows, lines: lines.length, keys };
}

// ---- audiences, written from audiences.yaml independently of the generator ----

function inAudience(name: string, p: Record_): boolean {
  const str = (f: string): string | null => (typeof p[f] === 'string' && p[f] !== '' ? (p[f] as string) : null);
  const num = (f: string): number | null => (p[f] === null || p[f] === undefined || p[f] === '' ? null : Number(p[f]));
  const bool = (f: string): boolean | null => (p[f] === true || p[f] === 'true' ? true : p[f] === false || p[f] === 'false' ? false : null);
  switch (name) {
    case 'west-coast-affluent': {
      const state = str('homeAddress.state');
      const band = str('incomeBand');
      return state !== null && ['CA', 'OR', 'WA'].includes(state) && band !== null && ['A', 'B'].includes(band);
    }
    case 'golf-enthusiasts-30-55': {
      const age = num('age');
      const interests = str('interests');
      return age !== null && age >= 30 && age <= 55 && interests !== null && interests.includes('golf');
    }
    case 'homeowners-with-email':
      // `not incomeBand = "F"`: true when the band is missing
      return bool('homeOwner') === true && str('hashedEmail') !== null && !(str('incomeBand') === 'F');
    default:
      throw new Error(`unknown audience ${name}`);
  }
}

// ---- fixtures ----

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-files-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

function tmp(name: string): string {
  return path.join(tmpRoot, name);
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('generatePartnerFiles', () => {
  let exp: Expectations;
  const outA = tmp('a');
  const outB = tmp('b');

  beforeAll(async () => {
    exp = await generatePartnerFiles({ outDir: outA, seed: 7 });
    await generatePartnerFiles({ outDir: outB, seed: 7 });
  });

  it('writes byte-identical files for the same seed', () => {
    expect(filesIn(outA)).toEqual(['acme_prospects_20261130.csv', 'acme_weekly_20261130.jsonl.gz', EXPECTED_FILE]);
    expect(filesIn(outB)).toEqual(filesIn(outA));
    for (const f of filesIn(outA)) expect([f, fs.readFileSync(path.join(outB, f)).equals(fs.readFileSync(path.join(outA, f)))]).toEqual([f, true]);
  });

  it('writes different files for another seed', async () => {
    const out = tmp('other-seed');
    await generatePartnerFiles({ outDir: out, seed: 8 });
    expect(fs.readFileSync(path.join(out, 'acme_prospects_20261130.csv')).equals(fs.readFileSync(path.join(outA, 'acme_prospects_20261130.csv')))).toBe(false);
  });

  it('returns what it writes to expected.json', () => {
    expect(JSON.parse(fs.readFileSync(path.join(outA, EXPECTED_FILE), 'utf8'))).toEqual(exp);
  });

  it('writes a CSV whose records, lines and bad rows match expected.json', () => {
    const e = exp.files[CSV_SOURCE];
    const csv = readCsv(path.join(outA, e.path));
    expect(csv.header).toEqual(Object.keys(mappingOf(CSV_SOURCE)));
    expect(csv.rows).toHaveLength(e.records);
    expect(e.records).toBe(3000);
    expect(csv.lines).toBe(e.physicalLines);
    expect(csv.quotedNewlines).toBe(e.quotedNewlines);
    expect(e.quotedNewlines).toBeGreaterThanOrEqual(1);

    const bad = csv.rows.filter((r) => r.reasons.length > 0);
    for (const r of bad) expect([r.record, r.reasons.length]).toEqual([r.record, 1]);
    expect(bad.map((r) => ({ record: r.record, reason: r.reasons[0] }))).toEqual(e.badRows.map((b) => ({ record: b.record, reason: b.reason })));
    expect(e.bad).toBe(bad.length);
    expect(e.good).toBe(e.records - bad.length);
    const byReason: Record<string, number> = {};
    for (const r of bad) byReason[r.reasons[0]] = (byReason[r.reasons[0]] ?? 0) + 1;
    expect(byReason).toEqual(e.badByReason);
    expect(Object.keys(byReason).sort()).toEqual(
      ['age-out-of-range', 'bad-date', 'bad-zip', 'malformed-partner-id', 'missing-partner-id', 'too-many-columns', 'unknown-income-band'].sort(),
    );
    expect(e.errorRatePercent).toBeLessThan(thresholdOf(CSV_SOURCE));
  });

  it('puts the traps partners really send into the CSV: quoted commas, quotes, leading-zero ZIPs', () => {
    const csv = readCsv(path.join(outA, exp.files[CSV_SOURCE].path));
    const good = csv.rows.filter((r) => r.reasons.length === 0).map((r) => r.rec!);
    expect(good.filter((r) => String(r['homeAddress.street']).includes(',')).length).toBeGreaterThan(10);
    expect(good.filter((r) => String(r['homeAddress.street']).includes('"')).length).toBeGreaterThan(0);
    expect(good.filter((r) => String(r['homeAddress.postalCode']).startsWith('0')).length).toBeGreaterThan(100);
    expect(good.filter((r) => r.incomeBand === null).length).toBeGreaterThan(0);
  });

  it('records the physical line of every bad CSV row', () => {
    const e = exp.files[CSV_SOURCE];
    const lines = fs.readFileSync(path.join(outA, e.path), 'utf8').split('\n');
    const csv = readCsv(path.join(outA, e.path));
    for (const b of e.badRows) {
      const cells = csv.raw[b.record - 1];
      expect(lines[b.line - 1].startsWith(cells[0] === '' ? ',' : cells[0])).toBe(true);
    }
  });

  it('writes gzipped JSON lines whose records and bad rows match expected.json', () => {
    const e = exp.files[JSON_SOURCE];
    expect(e.compression).toBe('gzip');
    const j = readJsonLines(path.join(outA, e.path));
    expect(j.rows).toHaveLength(e.records);
    expect(e.records).toBe(2000);
    expect(j.lines).toBe(e.physicalLines);
    for (const k of j.keys) expect(Object.keys(mappingOf(JSON_SOURCE))).toContain(k);
    const bad = j.rows.filter((r) => r.reasons.length > 0);
    for (const r of bad) expect([r.record, r.reasons.length]).toEqual([r.record, 1]);
    expect(bad.map((r) => ({ record: r.record, reason: r.reasons[0] }))).toEqual(e.badRows.map((b) => ({ record: b.record, reason: b.reason })));
    expect(e.good).toBe(e.records - bad.length);
    expect(Object.keys(e.badByReason).sort()).toEqual(
      ['age-out-of-range', 'bad-date', 'bad-zip', 'invalid-json', 'malformed-partner-id', 'missing-partner-id', 'unknown-income-band', 'wrong-type'].sort(),
    );
    expect(e.errorRatePercent).toBeLessThan(thresholdOf(JSON_SOURCE));
  });

  it('counts merged profiles, duplicates and audience sizes correctly', () => {
    const csv = readCsv(path.join(outA, exp.files[CSV_SOURCE].path));
    const json = readJsonLines(path.join(outA, exp.files[JSON_SOURCE].path));
    const profiles = new Map<string, { rec: Record_; source: string }>();
    const seenIn = new Map<string, Set<string>>();
    for (const [source, rows] of [
      [CSV_SOURCE, csv.rows],
      [JSON_SOURCE, json.rows],
    ] as const) {
      for (const r of rows) {
        if (r.reasons.length > 0) continue;
        const id = String(r.rec!.partnerId);
        seenIn.set(id, (seenIn.get(id) ?? new Set()).add(source));
        const prev = profiles.get(id);
        if (!prev || String(r.rec!.lastUpdated) > String(prev.rec.lastUpdated)) profiles.set(id, { rec: r.rec!, source });
      }
    }
    expect(profiles.size).toBe(exp.profiles);
    expect(exp.profiles).toBe(exp.files[CSV_SOURCE].good + exp.files[JSON_SOURCE].good - exp.duplicates.length);

    const dupIds = [...seenIn].filter(([, s]) => s.size === 2).map(([id]) => id);
    expect(dupIds.sort()).toEqual(exp.duplicates.map((d) => d.partnerId).sort());
    expect(exp.duplicates.length).toBe(20);
    for (const d of exp.duplicates) {
      expect(d.csvLastUpdated).not.toBe(d.jsonLastUpdated);
      expect(profiles.get(d.partnerId)!.source).toBe(d.newer);
      expect(csv.rows[d.csvRecord - 1].rec!.partnerId).toBe(d.partnerId);
      expect(json.rows[d.jsonRecord - 1].rec!.partnerId).toBe(d.partnerId);
    }
    expect(new Set(exp.duplicates.map((d) => d.newer))).toEqual(new Set([CSV_SOURCE, JSON_SOURCE]));

    const audiences = docs.filter((d) => d.kind === 'Audience').map((d) => d.metadata.name);
    const counts = Object.fromEntries(audiences.map((a) => [a, [...profiles.values()].filter((p) => inAudience(a, p.rec)).length]));
    expect(counts).toEqual(exp.audiences);
    for (const a of audiences) expect([a, counts[a] > 0]).toEqual([a, true]);
  });
});

describe('generatePartnerFiles options', () => {
  it('streams a bigger single file with the same bookkeeping', async () => {
    const out = tmp('big');
    const e = await generatePartnerFiles({ outDir: out, rows: { csv: 40_000 }, files: ['csv'], seed: 'bench', badRows: 3 });
    expect(filesIn(out)).toEqual(['acme_prospects_20261130.csv', EXPECTED_FILE]);
    const csv = readCsv(path.join(out, e.files[CSV_SOURCE].path));
    expect(csv.rows).toHaveLength(40_000);
    expect(csv.rows.filter((r) => r.reasons.length > 0)).toHaveLength(e.files[CSV_SOURCE].bad);
    expect(e.files[CSV_SOURCE].bad).toBe(7 * 3);
    expect(e.duplicates).toEqual([]);
    expect(e.profiles).toBe(40_000 - 21);
  });

  it('rejects a row count too small for the planned bad rows', async () => {
    await expect(generatePartnerFiles({ outDir: tmp('small'), rows: 10 })).rejects.toThrow(/10 rows cannot hold/);
  });

  it('writes only good rows with badRows 0', async () => {
    const e = await generatePartnerFiles({ outDir: tmp('clean'), rows: 300, badRows: 0, duplicates: 5 });
    expect(e.files[CSV_SOURCE].bad + e.files[JSON_SOURCE].bad).toBe(0);
    expect(e.profiles).toBe(600 - 5);
  });
});

describe('local layout', () => {
  it('targets the local environment landing bucket and SFTP folder of the example', () => {
    const t = localTargets(EXAMPLE_DIR, 'local');
    const root = path.join(EXAMPLE_DIR, '.prospect-local');
    expect(t.outDir).toBe(root);
    expect(path.relative(root, t.csvDir).split(path.sep).join('/')).toBe('acme-prospect-local-landing/sources/acme-s3-drop');
    expect(path.relative(root, t.jsonDir).split(path.sep).join('/')).toBe('sftp/acme-sftp-weekly');
  });

  it('refuses an environment that is not local', () => {
    expect(() => localTargets(EXAMPLE_DIR, 'prod')).toThrow(/not runtime: local/);
  });

  it('writes into a copy of the example and keeps paths in expected.json relative to localRoot', async () => {
    const specDir = tmp('spec-copy');
    fs.cpSync(EXAMPLE_DIR, specDir, { recursive: true, filter: (src) => !src.includes('.prospect-local') });
    const t = localTargets(specDir);
    const e = await generatePartnerFiles({ outDir: t.outDir, csvDir: t.csvDir, jsonDir: t.jsonDir, rows: 500 });
    expect(e.files[CSV_SOURCE].path).toBe('acme-prospect-local-landing/sources/acme-s3-drop/acme_prospects_20261130.csv');
    expect(e.files[JSON_SOURCE].path).toBe('sftp/acme-sftp-weekly/acme_weekly_20261130.jsonl.gz');
    expect(fs.existsSync(path.join(specDir, '.prospect-local', EXPECTED_FILE))).toBe(true);
  });
});

describe('command line', () => {
  let stderr: jest.SpyInstance;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stderr.mockRestore();
    stdout.mockRestore();
  });

  it('writes the files to OUTDIR with --rows and --seed', async () => {
    const out = tmp('cli');
    expect(await main([out, '--rows', '600', '--seed', '3'])).toBe(0);
    const e = JSON.parse(fs.readFileSync(path.join(out, EXPECTED_FILE), 'utf8')) as Expectations;
    expect([e.seed, e.files[CSV_SOURCE].records, e.files[JSON_SOURCE].records]).toEqual(['3', 600, 600]);
    expect(stdout).toHaveBeenCalled();
  });

  it('exits 2 with a one-line error on bad usage', async () => {
    expect(await main([])).toBe(2);
    expect(await main([tmp('x'), '--rows', 'many'])).toBe(2);
    expect(await main([tmp('x'), '--frobnicate'])).toBe(2);
    expect(String(stderr.mock.calls[0][0])).toMatch(/^generate-partner-files: /);
  });
});
