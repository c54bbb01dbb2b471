// Validation benchmark: generates the large spec set (bench/generate-spec-set.ts) at 1x, 2x and
// 4x, writes each to a temp folder, and validates it in a fresh child process per run (3 runs
// per scale, median), printing the time and peak memory (VmHWM) of validation and the growth
// from one scale to the next.
//
//   npx tsc -p tsconfig.json && node dist/bench/validate.js [--scales 1,2,4] [--runs 3] [--json]
//
// A child run: node dist/bench/validate.js --child DIR  -> one JSON line on stdout.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSpecDir } from '../specs/loader';
import { validateLoaded } from '../specs/validate';
import { countDocuments, generateLargeSpecSet, writeLargeSpecSet } from './generate-spec-set';

export interface RunResult {
  /** Whole validateSpecDir call: read, parse, schemas, rules. */
  readonly ms: number;
  /** Reading and parsing the YAML files (loadSpecDir). */
  readonly loadMs: number;
  /** Schemas and rules on the loaded documents (validateLoaded). */
  readonly checkMs: number;
  /** Peak resident set size of the process, from /proc/self/status VmHWM. */
  readonly peakKb: number;
  /** Resident set size before validation (node itself and the modules). */
  readonly baseKb: number;
  readonly documents: number;
  readonly diagnostics: number;
}

function procStatusKb(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : Math.round(process.memoryUsage().rss / 1024);
  } catch {
    return Math.round(process.memoryUsage().rss / 1024);
  }
}

/** One measured validation of `dir`, in this process. */
function child(dir: string): RunResult {
  // the modules are loaded before the clock starts; compiling the JSON Schemas (on first use) counts
  const baseKb = procStatusKb('VmRSS');
  const t0 = performance.now();
  const load = loadSpecDir(dir);
  const t1 = performance.now();
  const r = validateLoaded(load);
  const t2 = performance.now();
  return { ms: t2 - t0, loadMs: t1 - t0, checkMs: t2 - t1, peakKb: procStatusKb('VmHWM'), baseKb, documents: r.documents, diagnostics: r.diagnostics.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface ScaleResult {
  readonly scale: number;
  readonly files: number;
  readonly documents: number;
  readonly runs: RunResult[];
  readonly ms: number;
  readonly loadMs: number;
  readonly checkMs: number;
  readonly peakMb: number;
  readonly baseMb: number;
}

function parseArgs(argv: string[]): { scales: number[]; runs: number; json: boolean; keep: boolean; child?: string } {
  const out = { scales: [1, 2, 4], runs: 3, json: false, keep: false, child: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--child') out.child = argv[++i];
    else if (a === '--scales') out.scales = argv[++i].split(',').map(Number);
    else if (a === '--runs') out.runs = Number(argv[++i]);
    else if (a === '--json') out.json = true;
    else if (a === '--keep') out.keep = true;
    else throw new Error(`unknown argument ${a} (usage: node dist/bench/validate.js [--scales 1,2,4] [--runs 3] [--json] [--keep])`);
  }
  return out;
}

export function runBenchmark(scales: number[], runs: number, log: (s: string) => void, keep = false): ScaleResult[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'prospect-bench-'));
  const results: ScaleResult[] = [];
  try {
    for (const scale of scales) {
      const dir = path.join(root, `x${scale}`);
      const files = writeLargeSpecSet(dir, scale);
      const documents = countDocuments(generateLargeSpecSet(scale));
      const runResults: RunResult[] = [];
      for (let i = 0; i < runs; i++) {
        const p = spawnSync(process.execPath, [__filename, '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
        if (p.status !== 0) throw new Error(`child run failed (exit ${p.status}): ${p.stderr}`);
        runResults.push(JSON.parse(p.stdout.trim().split('\n').pop()!) as RunResult);
      }
      const r: ScaleResult = {
        scale,
        files,
        documents,
        runs: runResults,
        ms: median(runResults.map((x) => x.ms)),
        loadMs: median(runResults.map((x) => x.loadMs)),
        checkMs: median(runResults.map((x) => x.checkMs)),
        peakMb: median(runResults.map((x) => x.peakKb)) / 1024,
        baseMb: median(runResults.map((x) => x.baseKb)) / 1024,
      };
      if (r.runs.some((x) => x.diagnostics !== 0)) log(`warning: the generated set at ${scale}x has ${r.runs[0].diagnostics} diagnostics`);
      results.push(r);
      log(`${scale}x: ${documents} documents in ${files} files: ${r.ms.toFixed(0)} ms (load ${r.loadMs.toFixed(0)} + check ${r.checkMs.toFixed(0)}), peak ${r.peakMb.toFixed(0)} MB`);
    }
  } finally {
    if (keep) log(`kept the generated sets in ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
  return results;
}

function table(results: ScaleResult[]): string {
  const rows = [['scale', 'documents', 'time (ms)', 'load (ms)', 'check (ms)', 'peak RSS (MB)', 'time growth', 'memory growth']];
  results.forEach((r, i) => {
    const prev = results[i - 1];
    const growth = (a: number, b: number, docs: number): string => (prev ? `${(a / b).toFixed(2)}x for ${(docs / prev.documents).toFixed(2)}x documents` : '-');
    rows.push([
      `${r.scale}x`,
      String(r.documents),
      r.ms.toFixed(0),
      r.loadMs.toFixed(0),
      r.checkMs.toFixed(0),
      r.peakMb.toFixed(0),
      prev ? growth(r.ms, prev.ms, r.documents) : '-',
      prev ? growth(r.peakMb - r.baseMb, prev.peakMb - prev.baseMb, r.documents) : '-',
    ]);
  });
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((x, c) => x.padEnd(widths[c])).join('  ')).join('\n');
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  if (args.child) {
    process.stdout.write(JSON.stringify(child(args.child)) + '\n');
  } else {
    const results = runBenchmark(args.scales, args.runs, (s) => console.error(s), args.keep);
    if (args.json) console.log(JSON.stringify(results, null, 2));
    else {
      console.log(`validation of the generated spec set, median of ${args.runs} runs, each in a fresh process (${os.cpus().length} cores, node ${process.version})`);
      console.log(table(results));
      const first = results[0];
      const last = results[results.length - 1];
      if (results.length > 1) {
        const k = Math.log(last.ms / first.ms) / Math.log(last.documents / first.documents);
        console.log(`growth exponent (time ~ documents^k): k = ${k.toFixed(2)} (1.00 is linear)`);
      }
      const one = results.find((r) => r.scale === 1);
      if (one) console.log(`aim: under 2000 ms at 1x: ${one.ms < 2000 ? 'met' : 'NOT met'} (${one.ms.toFixed(0)} ms)`);
    }
  }
}
