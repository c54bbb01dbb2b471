// Progress of a local run for people: a bar redrawn in place on a terminal, plain lines (one
// per finished file) when output goes to a file or a CI log.

import type { IngestProgressEvent } from './run-local';

export function describeFile(e: Extract<IngestProgressEvent, { type: 'file-done' }>): string {
  const f = e.file;
  const what = `${f.source} ${f.key.split('/').pop()}`;
  if (f.outcome === 'already-ingested') return `${what}: already ingested`;
  if (f.outcome === 'error') return `${what}: error: ${f.reason}`;
  const counts = `${f.rowsRead} read, ${f.accepted} accepted, ${f.rejected} rejected`;
  return f.status === 'published' ? `${what}: published (${counts})` : `${what}: ${f.status} (${counts}): ${f.reason}`;
}

/** A progress callback for runLocalIngest writing to `out` (a bar when `out` is a TTY). */
export function progressReporter(out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number } = process.stderr): (e: IngestProgressEvent) => void {
  const tty = out.isTTY === true;
  return (e) => {
    if (!tty) {
      if (e.type === 'file-done') out.write(`[${e.index + 1}/${e.total}] ${describeFile(e)}\n`);
      return;
    }
    const width = 24;
    const done = e.type === 'file-done' ? e.index + 1 : e.index;
    const filled = Math.round((done / Math.max(e.total, 1)) * width);
    const label = e.type === 'file-start' ? `${e.source} ${e.key.split('/').pop()}` : '';
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${e.total} ${label}`;
    const cols = out.columns ?? 100;
    // Finished files keep their own line; the bar is redrawn below them.
    if (e.type === 'file-done') out.write(`\r\x1b[K${describeFile(e)}\n`);
    out.write(`\r\x1b[K${line.slice(0, cols - 1)}`);
    if (e.type === 'file-done' && done === e.total) out.write('\n');
  };
}
