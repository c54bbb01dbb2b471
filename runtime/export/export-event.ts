// What the export function is asked to do, parsed at the edge. Accepted events:
//   {"activation": "<name>"}                                   a scheduled export (constructs/activation.ts)
//   {"activation": "<name>", "audience": "<a>", "runId": "<id>"} after-segmentation: that audience's run
// Either may carry "time" (ISO 8601): when the export runs. Left out, now.

import { BadEventError } from '../segment/segment-event';
import { runTimeOf } from '../segment/run-id';

export { BadEventError };

export interface ExportEvent {
  readonly activation: string;
  readonly audience?: string;
  readonly runId?: string;
  readonly time: Date;
}

export function parseExportEvent(event: unknown, now = new Date()): ExportEvent {
  const usage = `export expects {"activation": "<name>"} or {"activation", "audience", "runId"}, optionally with "time"; got ${JSON.stringify(event)?.slice(0, 300)}`;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new BadEventError(usage);
  const e = event as Record<string, unknown>;
  const unknown = Object.keys(e).filter((k) => !['activation', 'audience', 'runId', 'time'].includes(k));
  if (unknown.length > 0) throw new BadEventError(`unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}: ${usage}`);
  if (typeof e.activation !== 'string' || e.activation === '') throw new BadEventError(usage);
  if ((e.audience === undefined) !== (e.runId === undefined)) throw new BadEventError(`"audience" and "runId" come together: ${usage}`);
  if (e.audience !== undefined && (typeof e.audience !== 'string' || typeof e.runId !== 'string')) throw new BadEventError(usage);
  if (typeof e.runId === 'string') {
    try {
      runTimeOf(e.runId);
    } catch (err) {
      throw new BadEventError((err as Error).message);
    }
  }
  // Without a time, the current minute: a retry within it writes the same run, not a second one.
  let time = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  if (e.time !== undefined) {
    time = typeof e.time === 'string' ? new Date(e.time) : new Date(NaN);
    if (Number.isNaN(time.getTime())) throw new BadEventError(`"time" must be an ISO 8601 date-time, got ${JSON.stringify(e.time)}`);
  }
  return { activation: e.activation, audience: e.audience as string | undefined, runId: e.runId as string | undefined, time };
}
