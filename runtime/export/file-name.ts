// Export file names from the destination's nameTemplate (specs/name-template.ts renders the
// macros), and the guard that keeps every file inside the destination's prefix or path.
//
// - The rendered name keeps its own extension when it fits the format (.csv/.tsv/.txt for csv,
//   .json/.jsonl/.ndjson for json, .parquet for parquet); otherwise the format's extension
//   (.csv, .json, .parquet) is appended.
// - When an audience's rows are split at maxRowsPerFile into more than one file, each gets
//   `-part-0001`, `-part-0002`, ... before the extension; a single file keeps the plain name.
// - With compression gzip, csv and json files get `.gz` appended after everything else
//   (`x-part-0001.csv.gz`); a template that already ends in `.gz` does not get a second one.
//   Parquet is compressed inside the file (GZIP codec) and keeps `.parquet`.

import * as path from 'node:path';
import { NameValues, renderNameTemplate } from '../../specs/name-template';
import type { ResolvedFile } from './export-plan';
import { NameOutsideDestinationError } from './errors';

const EXTENSIONS: Readonly<Record<ResolvedFile['format'], readonly string[]>> = {
  csv: ['.csv', '.tsv', '.txt'],
  json: ['.json', '.jsonl', '.ndjson'],
  parquet: ['.parquet'],
};

function gzipped(file: ResolvedFile): boolean {
  return file.compression === 'gzip' && file.format !== 'parquet';
}

/** The name for one audience, without part suffix and without `.gz`, as [stem, extension]. */
export function baseName(file: ResolvedFile, values: NameValues): [string, string] {
  let name = renderNameTemplate(file.nameTemplate, values);
  if (gzipped(file) && name.toLowerCase().endsWith('.gz')) name = name.slice(0, -3);
  const ext = path.posix.extname(name);
  if (ext !== '' && EXTENSIONS[file.format].includes(ext.toLowerCase())) return [name.slice(0, -ext.length), ext];
  return [name, EXTENSIONS[file.format][0]];
}

/** File names for an audience split into `parts` files (at least one). */
export function exportFileNames(file: ResolvedFile, values: NameValues, parts: number): string[] {
  const [stem, ext] = baseName(file, values);
  const gz = gzipped(file) ? '.gz' : '';
  if (parts <= 1) return [`${stem}${ext}${gz}`];
  return Array.from({ length: parts }, (_, i) => `${stem}-part-${String(i + 1).padStart(4, '0')}${ext}${gz}`);
}

/**
 * `base` + `name`, refusing anything that could leave `base`: absolute names, empty, `.` or `..`
 * segments, backslashes and control characters. `base` is an S3 prefix ('' or ending in '/') or
 * an absolute SFTP directory.
 */
export function insideBase(base: string, name: string): string {
  const bad =
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    /[\u0000-\u001f\u007f]/.test(name) ||
    name.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad) throw new NameOutsideDestinationError(name, base);
  if (base === '') return name;
  const joined = base.endsWith('/') ? base + name : `${base}/${name}`;
  const root = base.endsWith('/') ? base : `${base}/`;
  if (!joined.startsWith(root) || path.posix.normalize(joined) !== joined) throw new NameOutsideDestinationError(name, base);
  return joined;
}
