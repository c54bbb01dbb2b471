// Ingestion benchmark. Generates a partner CSV of the example's Source acme-s3-drop (1,000,000
// rows by default, 2% bad rows, quoted commas and newlines: examples/generate-partner-files.ts)
// and times, on the same file, each in a fresh child process (runs interleaved, median):
//   - ingest:  ingestObject on the landed file: parse, check every record, write accepted Parquet,
//              rejected JSON lines and the batch manifest (the work of `prospect ingest`);
//   - prospect ingest FILE: the same, plus landing the file (a copy and its MD5) first;
//   - ceiling: DuckDB alone, COPY (SELECT * FROM read_csv(FILE, <the source's dialect>,
//              ignore_errors)) TO '...parquet': types sniffed, no checks, broken rows skipped
//              (plain read_csv(FILE) sniffs a wrong dialect on this file and splits records);
// then prints rows/s, peak memory (VmHWM), and ingest's throughput as a share of the ceiling's,
// by wall time and by CPU time (all threads; steadier when other work shares the machine).
// Last, one ingestion of a 5,000,000-row file, for peak memory at 5x the size.
//
//   npm run build && node dist/bench/ingest.js [--rows N] [--big-rows N] [--runs 3] [--json]
//
// A child run: node dist/bench/ingest.js --child MODE FILE WORKDIR -> one JSON line on stdout.

import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CSV_SOURCE, generatePartnerFiles } from '../examples/generate-partner-files';
import { ingestObject } from '../runtime/ingest/ingest-object';
import { LocalObjectStore } from '../runtime/local-object-store';
import { buildRuntimeManifest, RuntimeManifest } from '../runtime/manifest';
import { ingestFile } from '../runtime/run-local';
import { validateSpecDir } from '../specs/validate';

type Mode = 'ingest' | 'ingest-file' | 'ceiling';

interface ChildResult {
  readonly mode: Mode;
  readonly ms: number;
  /** CPU time of the process during the operation, all threads. */
  readonly cpuMs: number;
  readonly rows: number;
  readonly accepted?: number;
  readonly rejected?: number;
  readonly peakKb: number;
}

const SPEC_DIR = path.resolve(__dirname, '../../examples/prospecting');

function peakKb(): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : Math.round(process.resourceUsage().maxRSS);
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function exampleManifest(): RuntimeManifest {
  const v = validateSpecDir(SPEC_DIR, { env: 'local' });
  if (!v.environment) throw new Error(`examples/prospecting: no local environment`);
  return buildRuntimeManifest(v.specs, v.environment);
}

/** Runs in the child: one measured operation. */
async function child(mode: Mode, file: string, workDir: string): Promise<ChildResult> {
  if (mode === 'ceiling') {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const t = performance.now();
    const cpu = process.cpuUsage();
    const r = await c.runAndReadAll(
      `COPY (SELECT * FROM read_csv('${file}', delim = ',', quote = '"', escape = '"', header = true, ignore_errors = true)) TO '${path.join(workDir, 'ceiling.parquet')}' (FORMAT parquet)`,
    );
    const ms = performance.now() - t;
    return { mode, ms, cpuMs: cpuMsSince(cpu), rows: Number(r.getRowObjectsJS()[0].Count), peakKb: peakKb() };
  }
  const manifest = exampleManifest();
  const store = new LocalObjectStore(workDir);
  const t = performance.now();
  const cpu = process.cpuUsage();
  const result =
    mode === 'ingest'
      ? await ingestObject({ store, manifest, source: CSV_SOURCE, object: { bucket: manifest.buckets.landing, key: `${manifest.sources[CSV_SOURCE].landingPrefix}${path.basename(file)}` } })
      : await ingestFile({ file, source: CSV_SOURCE, manifest, store });
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(cpu);
  const m = result.manifest;
  if (m.status !== 'published') throw new Error(`bench file was not published: ${m.status} ${m.reason ?? ''}`);
  return { mode, ms, cpuMs, rows: m.rowsRead, accepted: m.accepted, rejected: m.rejected, peakKb: peakKb() };
}

function runChild(mode: Mode, file: string, workDir: string): ChildResult {
  const r = spawnSync(process.execPath, [__filename, '--child', mode, file, workDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${mode} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** A fresh local store whose landing prefix holds `file` (a hard link, with its stored ETag). */
function freshRoot(base: string, landed: { root: string; bucket: string; key: string }): string {
  const root = fs.mkdtempSync(path.join(base, 'run-'));
  for (const sub of [landed.bucket, path.join('.meta', landed.bucket)]) {
    const from = path.join(landed.root, sub, landed.key) + (sub.startsWith('.meta') ? '.json' : '');
    const to = path.join(root, sub, landed.key) + (sub.startsWith('.meta') ? '.json' : '');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.linkSync(from, to);
  }
  return root;
}

async function generate(dir: string, rows: number): Promise<string> {
  const exp = await generatePartnerFiles({
    outDir: dir,
    files: ['csv'],
    rows, // the JSON plan is made too (and not written): same count keeps it valid
    badRows: Math.max(1, Math.round((rows * 0.02) / 7)),
    quotedNewlines: Math.round(rows / 100),
  });
  return path.join(dir, Object.values(exp.files)[0].path);
}

const share = (ceilingMs: number, ms: number) => Math.round((ceilingMs / ms) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(argv: string[]): Promise<void> {
  const arg = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const rows = arg('--rows', 1_000_000);
  const bigRows = arg('--big-rows', 5_000_000);
  const runs = arg('--runs', 3);
  const json = argv.includes('--json');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const say = (s: string) => !json && process.stdout.write(s + '\n');
  try {
    say(`generating ${rows.toLocaleString('en-US')} rows...`);
    const file = await generate(path.join(base, 'gen'), rows);
    const mb = fs.statSync(file).size / 1e6;
    const manifest = exampleManifest();
    const landedRoot = path.join(base, 'landed');
    const key = `${manifest.sources[CSV_SOURCE].landingPrefix}${path.basename(file)}`;
    await new LocalObjectStore(landedRoot).putStream(manifest.buckets.landing, key, fs.createReadStream(file));
    const landed = { root: landedRoot, bucket: manifest.buckets.landing, key };
    const landedFile = path.join(landedRoot, landed.bucket, key);

    const results: Record<Mode, ChildResult[]> = { ingest: [], 'ingest-file': [], ceiling: [] };
    for (let r = 0; r < runs; r++) {
      results.ceiling.push(runChild('ceiling', landedFile, fs.mkdtempSync(path.join(base, 'ceil-'))));
      const root = freshRoot(base, landed);
      results.ingest.push(runChild('ingest', path.join(root, landed.bucket, key), root));
      results['ingest-file'].push(runChild('ingest-file', file, fs.mkdtempSync(path.join(base, 'file-'))));
      for (const d of fs.readdirSync(base)) if (/^(ceil|run|file)-/.test(d)) fs.rmSync(path.join(base, d), { recursive: true, force: true });
      const fmt = (x: ChildResult) => `${Math.round(x.ms)} ms (cpu ${Math.round(x.cpuMs)})`;
      say(`run ${r + 1}/${runs}: ceiling ${fmt(results.ceiling[r])}, ingest ${fmt(results.ingest[r])}, prospect ingest FILE ${fmt(results['ingest-file'][r])}; load ${os.loadavg()[0].toFixed(1)}`);
    }
    const summary = (mode: Mode) => {
      const ms = median(results[mode].map((x) => x.ms));
      const cpuMs = median(results[mode].map((x) => x.cpuMs));
      return { ms: Math.round(ms), cpuMs: Math.round(cpuMs), rowsPerSecond: Math.round((rows / ms) * 1000), peakMb: Math.round(median(results[mode].map((x) => x.peakKb)) / 1024) };
    };
    const ceiling = summary('ceiling');
    const ingest = summary('ingest');
    const ingestCli = summary('ingest-file');
    const first = results.ingest[0];

    say(`generating ${bigRows.toLocaleString('en-US')} rows...`);
    fs.rmSync(path.join(base, 'gen'), { recursive: true, force: true });
    fs.rmSync(landedRoot, { recursive: true, force: true });
    const bigFile = await generate(path.join(base, 'gen-big'), bigRows);
    const bigMb = fs.statSync(bigFile).size / 1e6;
    const big = runChild('ingest-file', bigFile, fs.mkdtempSync(path.join(base, 'big-')));

    const report = {
      machine: { cpus: os.cpus().length, node: process.version },
      file: { rows, mb: Math.round(mb), accepted: first.accepted, rejected: first.rejected },
      runs,
      ceiling,
      ingest: { ...ingest, shareOfCeiling: share(ceiling.ms, ingest.ms), shareOfCeilingCpu: share(ceiling.cpuMs, ingest.cpuMs) },
      prospectIngestFile: { ...ingestCli, shareOfCeiling: share(ceiling.ms, ingestCli.ms), shareOfCeilingCpu: share(ceiling.cpuMs, ingestCli.cpuMs) },
      big: { rows: bigRows, mb: Math.round(bigMb), ms: Math.round(big.ms), cpuMs: Math.round(big.cpuMs), rowsPerSecond: Math.round((bigRows / big.ms) * 1000), peakMb: Math.round(big.peakKb / 1024) },
    };
    if (json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return;
    }
    const row = (label: string, s: { ms: number; cpuMs: number; rowsPerSecond: number; peakMb: number }, extra = '') =>
      say(`${label.padEnd(46)} ${String(s.ms).padStart(7)} ms ${String(s.cpuMs).padStart(7)} ms cpu ${s.rowsPerSecond.toLocaleString('en-US').padStart(10)} rows/s ${String(s.peakMb).padStart(6)} MB peak${extra}`);
    say('');
    say(`${rows.toLocaleString('en-US')} rows, ${Math.round(mb)} MB CSV (${first.accepted} accepted, ${first.rejected} rejected); ${os.cpus().length} CPUs; median of ${runs}`);
    row('DuckDB COPY read_csv -> Parquet (ceiling)', ceiling);
    const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;
    row('ingest (check every row, publish)', ingest, `   ${pct(ceiling.ms, ingest.ms)} of the ceiling's throughput (${pct(ceiling.cpuMs, ingest.cpuMs)} by CPU time)`);
    row('prospect ingest FILE (land + ingest)', ingestCli, `   ${pct(ceiling.ms, ingestCli.ms)} (${pct(ceiling.cpuMs, ingestCli.cpuMs)} by CPU time)`);
    row(`prospect ingest FILE, ${bigRows.toLocaleString('en-US')} rows (${Math.round(bigMb)} MB)`, report.big);
  } finally {
    if (!argv.includes('--keep')) fs.rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') {
    child(argv[1] as Mode, argv[2], argv[3])
      .then((r) => process.stdout.write(JSON.stringify(r) + '\n'))
      .catch((e) => {
        process.stderr.write(`${(e as Error).stack}\n`);
        process.exit(1);
      });
  } else {
    main(argv).catch((e) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    });
  }
}
