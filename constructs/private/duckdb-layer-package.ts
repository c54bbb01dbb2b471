// The DuckDB Lambda layer's zip: @duckdb/node-api, @duckdb/node-bindings, the linux-x64 native
// binding (~68 MB unzipped) and detect-libc, under nodejs/node_modules/ where the Node.js
// runtime resolves layer modules. Built once per DuckDB version and cached.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { cacheDir, projectRoot } from './project-root';
import { writeZip, ZipEntry } from './zip';

/** Packages in the layer. The native binding matches the functions' x86_64 architecture. */
export const DUCKDB_LAYER_PACKAGES: readonly string[] = ['@duckdb/node-api', '@duckdb/node-bindings', '@duckdb/node-bindings-linux-x64', 'detect-libc'];

export interface LayerPackage {
  readonly zipFile: string;
  /** Base64 SHA-256 of the zip (`source_code_hash`). */
  readonly sha256: string;
  /** Hex SHA-256 of the zip, for the S3 key and `source_hash`. */
  readonly sha256Hex: string;
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
}

let memo: LayerPackage | undefined;

export function duckdbLayerPackage(): LayerPackage {
  if (memo) return memo;
  const root = projectRoot();
  const files: { name: string; file: string; size: number }[] = [];
  for (const pkg of DUCKDB_LAYER_PACKAGES) {
    const dir = join(root, 'node_modules', ...pkg.split('/'));
    if (!existsSync(join(dir, 'package.json'))) {
      throw new Error(`the DuckDB layer needs ${pkg}, which is not installed in ${join(root, 'node_modules')}; run npm ci`);
    }
    for (const file of listFiles(dir)) {
      files.push({ name: `nodejs/node_modules/${pkg}/${relative(dir, file).split(sep).join('/')}`, file, size: statSync(file).size });
    }
  }
  // Key: package versions plus every file's name and size; the zip's own hash is the output identity.
  const key = createHash('sha256')
    .update(JSON.stringify(DUCKDB_LAYER_PACKAGES.map((p) => readFileSync(join(root, 'node_modules', ...p.split('/'), 'package.json'), 'utf8'))))
    .update(JSON.stringify(files.map((f) => [f.name, f.size]).sort()))
    .digest('hex')
    .slice(0, 16);
  const dir = cacheDir('layers');
  const zipFile = join(dir, `duckdb-${key}.zip`);
  const recordFile = `${zipFile}.json`;
  if (existsSync(zipFile) && existsSync(recordFile)) {
    memo = { zipFile, ...(JSON.parse(readFileSync(recordFile, 'utf8')) as Omit<LayerPackage, 'zipFile'>) };
    return memo;
  }
  mkdirSync(dir, { recursive: true });
  const entries: ZipEntry[] = files.map((f) => ({ name: f.name, data: { file: f.file } }));
  const sizes = writeZip(zipFile, entries);
  const bytes = readFileSync(zipFile);
  const record = {
    sha256: createHash('sha256').update(bytes).digest('base64'),
    sha256Hex: createHash('sha256').update(bytes).digest('hex'),
    ...sizes,
  };
  writeFileSync(`${recordFile}.${process.pid}.tmp`, JSON.stringify(record, null, 2));
  renameSync(`${recordFile}.${process.pid}.tmp`, recordFile);
  memo = { zipFile, ...record };
  return memo;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

