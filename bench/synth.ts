// Synth benchmark: synthesizes the validate benchmark's large spec set (bench/generate-spec-set.ts
// at scale 1: 20 schemas of 50 fields, 100 datasets, 100 sources, 1,000 audiences, 50
// destinations, 500 activations), validated for its prod environment as `prospect synth` does,
// and prints the time and the process's peak memory. In the same run it synthesizes a bare cdktf
// stack with as many trivial resources (aws_s3_object), and one with the same resources and
// attributes as plain cdktf elements, and prints the ratios.
//
//   npm run build && node dist/bench/synth.js [SCALE]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformResource, TerraformStack } from 'cdktf';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { synthEnvironment, withoutTokenCreationStacks } from '../stacks/synth';
import { formatText, hasErrors } from '../specs/diagnostics';
import { loadSpecTexts } from '../specs/loader';
import type { Doc, SpecSet } from '../specs/model';
import { validateLoaded } from '../specs/validate';
import { countsAt, generateLargeSpecSet } from './generate-spec-set';

const ENVIRONMENT = 'prod';

/** The benchmark spec set, validated with the environment's overrides applied. */
export function largeSpecSet(scale = 1): { specs: SpecSet; environment: Doc<'Environment'> } {
  const result = validateLoaded(loadSpecTexts(generateLargeSpecSet(scale)), { env: ENVIRONMENT });
  if (hasErrors(result.diagnostics) || result.environment === undefined) {
    throw new Error(`the benchmark spec set does not validate:\n${formatText(result.diagnostics)}`);
  }
  return { specs: result.specs, environment: result.environment };
}

/** Peak resident memory of this process (Linux VmHWM), else the current RSS. */
function peakRssBytes(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}

/** The baseline the issue asks for: as many trivial resources (aws_s3_object), nothing else. */
function trivialSynth(resources: number, outDir: string): number {
  const t0 = performance.now();
  withoutTokenCreationStacks(() => {
    const app = new App({ outdir: outDir, stackTraces: false });
    const stack = new TerraformStack(app, 'bare');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    for (let i = 0; i < resources; i++) new S3Object(stack, `object-${i}`, { bucket: 'bench-bare', key: `objects/${i}.json`, content: `{"i": ${i}}` });
    app.synth();
  });
  return performance.now() - t0;
}

/** A second baseline: the same resources and attributes, as plain cdktf elements (cdktf's own cost for this output). */
function sameJsonSynth(tf: TerraformJson, outDir: string): number {
  const t0 = performance.now();
  withoutTokenCreationStacks(() => {
    const app = new App({ outdir: outDir, stackTraces: false });
    const stack = new TerraformStack(app, 'same');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    for (const [type, byName] of Object.entries(tf.resource)) {
      for (const [name, attributes] of Object.entries(byName)) {
        const r = new TerraformResource(stack, `${type}-${name}`, { terraformResourceType: type });
        for (const [key, value] of Object.entries(attributes)) if (key !== '//' && key !== 'depends_on') r.addOverride(key, value);
      }
    }
    app.synth();
  });
  return performance.now() - t0;
}

interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
}

export interface SynthBenchResult {
  readonly documents: number;
  readonly resources: number;
  readonly jsonBytes: number;
  readonly synthMs: number;
  readonly peakRssBytes: number;
  readonly trivialMs: number;
  readonly sameJsonMs: number;
}

export function runSynthBench(scale = 1): SynthBenchResult {
  const out = mkdtempSync(join(tmpdir(), 'prospect-bench-synth-'));
  try {
    const { specs, environment } = largeSpecSet(scale);
    const t0 = performance.now();
    const result = synthEnvironment({ specs, environment, outDir: join(out, 'prospect') });
    const synthMs = performance.now() - t0;
    const peak = peakRssBytes();
    const text = readFileSync(join(result.stackDir, 'cdk.tf.json'), 'utf8');
    const tf = JSON.parse(text) as TerraformJson;
    const resources = Object.values(tf.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    return {
      documents: Object.values(specs.byKind).reduce((n, m) => n + m.size, 0),
      resources,
      jsonBytes: Buffer.byteLength(text),
      synthMs,
      peakRssBytes: peak,
      trivialMs: trivialSynth(resources, join(out, 'trivial')),
      sameJsonMs: sameJsonSynth(tf, join(out, 'same')),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function main(): void {
  const scale = process.argv[2] === undefined ? 1 : Number(process.argv[2]);
  const c = countsAt(scale);
  // The first round pays module loading and JIT warm-up for all three; the second compares like with like.
  const cold = runSynthBench(scale);
  const r = runSynthBench(scale);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `spec set (scale ${scale}, environment ${ENVIRONMENT}): ${r.documents} documents (${c.schemas} schemas x ${c.fieldsPerSchema} fields, ${c.datasets} datasets, ${c.sources} sources, ${c.audiences} audiences, ${c.destinations} destinations, ${c.activations} activations)`,
    `prospect synth: ${r.resources} resources (${(r.jsonBytes / 1024 / 1024).toFixed(1)} MB of JSON) in ${s(cold.synthMs)} cold (first in the process), ${s(r.synthMs)} warm; peak RSS ${(r.peakRssBytes / 1024 / 1024).toFixed(0)} MB (aims: < 30 s, < 2048 MB)`,
    `bare cdktf stack, ${r.resources} trivial aws_s3_object: ${s(r.trivialMs)} warm; ratio ${(r.synthMs / r.trivialMs).toFixed(2)} (aim < 1.5)`,
    `bare cdktf stack, the same ${r.resources} resources and attributes as plain elements: ${s(r.sameJsonMs)} warm; ratio ${(r.synthMs / r.sameJsonMs).toFixed(2)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (require.main === module) main();
