// Lambda code: handlers/<name>.ts bundled by esbuild into one CommonJS file and zipped
// deterministically. Bundles are cached by content hash under node_modules/.cache/prospect-iac:
// a cache entry records every input file esbuild read and its hash, and is reused while none of
// them changed, so repeated synths and tests do not rebuild.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync, version as esbuildVersion } from 'esbuild';
import { cacheDir, projectRoot } from './project-root';
import { writeZip } from './zip';

export interface HandlerBundle {
  /** Absolute path of the zip (in the cache). */
  readonly zipFile: string;
  /** Base64 SHA-256 of the zip: Lambda's `source_code_hash`. */
  readonly sha256: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
}

/** Provided at run time: the AWS SDK v3 by the Lambda runtime, DuckDB by the layer; native addons are never bundled. */
export const EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*', '@duckdb/*', '*.node', 'cpu-features'];

const BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: [...EXTERNAL_MODULES],
  legalComments: 'none',
  sourcemap: false,
  minify: false,
  keepNames: true,
  charset: 'utf8',
} as const;

interface CacheRecord {
  readonly key: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly bundle: Omit<HandlerBundle, 'zipFile'> & { readonly zipName: string };
}

const memo = new Map<string, HandlerBundle>();

export function bundleHandler(name: string): HandlerBundle {
  const hit = memo.get(name);
  if (hit) return hit;
  const root = projectRoot();
  const dir = cacheDir('bundles');
  const recordFile = join(dir, `${name}.json`);
  const optionsKey = sha256Hex(JSON.stringify({ esbuildVersion, BUILD_OPTIONS }));
  const record = readRecord(recordFile);
  if (record && record.key === optionsKey && existsSync(join(dir, record.bundle.zipName)) && inputsUnchanged(root, record.inputs)) {
    const bundle = { ...record.bundle, zipFile: join(dir, record.bundle.zipName) };
    memo.set(name, bundle);
    return bundle;
  }
  const bundle = build(root, dir, name, optionsKey, recordFile);
  memo.set(name, bundle);
  return bundle;
}

function build(root: string, dir: string, name: string, optionsKey: string, recordFile: string): HandlerBundle {
  const entry = [join(root, 'handlers', `${name}.ts`), join(root, 'dist', 'handlers', `${name}.js`)].find(existsSync);
  if (entry === undefined) throw new Error(`Lambda handler "${name}" not found: expected handlers/${name}.ts in ${root}`);
  const result = buildSync({
    ...BUILD_OPTIONS,
    external: [...BUILD_OPTIONS.external],
    entryPoints: [entry],
    absWorkingDir: root,
    outfile: join(dir, 'index.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  if (result.errors.length > 0) {
    throw new Error(`bundling handlers/${name}.ts failed: ${result.errors.map((e) => e.text).join('; ')}`);
  }
  const code = Buffer.from(result.outputFiles[0].contents);
  const inputs: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs).sort()) {
    inputs[input] = sha256Hex(readFileSync(join(root, input)));
  }
  mkdirSync(dir, { recursive: true });
  const codeHash = sha256Hex(code).slice(0, 16);
  const zipName = `${name}-${codeHash}.zip`;
  const zipFile = join(dir, zipName);
  const sizes = writeZip(zipFile, [{ name: 'index.js', data: code }]);
  const sha256 = createHash('sha256').update(readFileSync(zipFile)).digest('base64');
  const bundle = { zipName, sha256, ...sizes };
  const tmp = `${recordFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ key: optionsKey, inputs, bundle } satisfies CacheRecord, null, 2));
  renameSync(tmp, recordFile);
  return { zipFile, sha256, ...sizes };
}

function readRecord(file: string): CacheRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CacheRecord;
  } catch {
    return undefined;
  }
}

function inputsUnchanged(root: string, inputs: Readonly<Record<string, string>>): boolean {
  for (const [input, hash] of Object.entries(inputs)) {
    const file = join(root, input);
    if (!existsSync(file) || sha256Hex(readFileSync(file)) !== hash) return false;
  }
  return Object.keys(inputs).length > 0;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
