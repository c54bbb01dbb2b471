import { progressReporter } from '../../runtime/progress';
import { LocalAudienceRun, runLocalAudiences } from '../../runtime/run-local-audiences';
import { LocalIngestSummary, runLocalIngest } from '../../runtime/run-local';
import { UsageError } from '../../specs/validate';
import { oneOf, parse, required } from '../args';
import type { Io } from '../io';
import { loadEnvironment } from './local-environment';

export const USAGE = 'prospect run [DIR] --env NAME [--time ISO-8601] [--format text|json]';

/**
 * The whole pipeline on a `runtime: local` environment: ingest every waiting partner file,
 * segment every audience, export every activation. Exit 1 when a file or an export failed.
 */
export async function runCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { env: { type: 'string' }, format: { type: 'string' }, time: { type: 'string' } }, 1, USAGE);
  // --time: the run time (default now). Run ids, snapshot keys and file names derive from it,
  // so a rerun with the same --time rewrites the same objects instead of adding new ones.
  const time = values.time === undefined ? undefined : new Date(String(values.time));
  if (time && Number.isNaN(time.getTime())) throw new UsageError(`--time must be an ISO 8601 date-time (e.g. 2026-12-01T06:00:00Z), got "${String(values.time)}"`);
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const env = required(values.env, '--env', USAGE);
  const dir = positionals[0] ?? '.';
  const { manifest } = loadEnvironment(dir, env, io, { requireLocal: true });
  const ingest = await runLocalIngest({ specDir: dir, manifest, onProgress: format === 'text' ? progressReporter(process.stderr) : undefined });
  const audiences = await runLocalAudiences({ manifest, specDir: dir, time });
  if (format === 'json') io.out(JSON.stringify({ ingest, audiences }, null, 2));
  else io.out(describeRun(ingest, audiences));
  const failedFiles = ingest.files.filter((f) => f.outcome === 'error' || (f.outcome === 'ingested' && f.status !== 'published')).length + ingest.landingErrors.length;
  const failedExports = audiences.exports.filter((e) => e.status === 'failed').length;
  return failedFiles + failedExports === 0 ? 0 : 1;
}

export function describeRun(ingest: LocalIngestSummary, run: LocalAudienceRun): string {
  const t = ingest.totals;
  const lines = [
    `ingest: ${t.files} file${t.files === 1 ? '' : 's'} (${t.ingested} ingested, ${t.alreadyIngested} already ingested): ${t.rowsRead} rows read = ${t.accepted} accepted + ${t.rejected} rejected`,
  ];
  for (const f of ingest.files) {
    const name = `${f.source} ${f.key.split('/').pop()}`;
    if (f.outcome === 'already-ingested') lines.push(`  ${name}: already ingested`);
    else if (f.outcome === 'error') lines.push(`  ${name}: error: ${f.reason}`);
    else lines.push(`  ${name}: ${f.status} (${f.rowsRead} read, ${f.accepted} accepted, ${f.rejected} rejected)${f.reason ? `: ${f.reason}` : ''}`);
  }
  for (const e of ingest.landingErrors) lines.push(`  ${e.source} ${e.file}: not landed: ${e.error}`);
  lines.push(`profiles: ${run.datasets.map((d) => `${d.dataset} ${d.profiles}`).join(', ') || 'none'}`);
  lines.push(`audiences (run ${run.runId}):`);
  const width = Math.max(0, ...run.audiences.map((a) => a.name.length));
  for (const a of run.audiences) lines.push(`  ${a.name.padEnd(width)}  ${String(a.size).padStart(8)}`);
  lines.push('exports:');
  for (const e of run.exports) {
    if (e.status === 'exported') {
      const files = e.files ?? [];
      lines.push(`  ${e.activation} -> ${e.destination}: ${e.rows} row${e.rows === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'} at ${e.location}`);
      for (const f of files) lines.push(`      ${f.path} (${f.rows} rows, ${f.bytes} bytes)`);
    } else lines.push(`  ${e.activation}: ${e.status}${e.reason ? `: ${e.reason}` : ''}`);
  }
  return lines.join('\n');
}
