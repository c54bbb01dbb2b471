// What the segment function is asked to do, parsed at the edge. Accepted events:
//   {"audience": "<name>"}                one audience (EventBridge Scheduler, constructs/audience.ts)
//   {"audiences": ["<name>", ...]}        these audiences
//   {} or an EventBridge "Scheduled Event" every audience due at the run time (due.ts)
// Each may carry "time" (ISO 8601; a Scheduled Event's own `time` counts): the run time, which
// names the run. Left out, the current minute: a retry within the minute rewrites the same run.

import { BadEventError } from '../bad-event';

export { BadEventError };

export type SegmentRequest =
  | { readonly kind: 'audiences'; readonly audiences: readonly string[]; readonly time: Date }
  | { readonly kind: 'due'; readonly time: Date };

function currentMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export function parseSegmentEvent(event: unknown, now = new Date()): SegmentRequest {
  const usage = `segment expects {"audience": "<name>"}, {"audiences": ["<name>", ...]}, {} (every audience due) or a Scheduled Event, each optionally with "time"; got ${JSON.stringify(event)?.slice(0, 300)}`;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new BadEventError(usage);
  const e = event as Record<string, unknown>;
  let time = currentMinute(now);
  if (e.time !== undefined) {
    const t = typeof e.time === 'string' ? new Date(e.time) : new Date(NaN);
    if (Number.isNaN(t.getTime())) throw new BadEventError(`"time" must be an ISO 8601 date-time, got ${JSON.stringify(e.time)}`);
    time = t;
  }
  if (e['detail-type'] === 'Scheduled Event') return { kind: 'due', time };
  const known = new Set(['audience', 'audiences', 'time']);
  const unknown = Object.keys(e).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new BadEventError(`unknown key ${unknown.map((k) => JSON.stringify(k)).join(', ')}: ${usage}`);
  if (e.audience !== undefined && e.audiences !== undefined) throw new BadEventError(`give "audience" or "audiences", not both: ${usage}`);
  if (e.audience !== undefined) {
    if (typeof e.audience !== 'string' || e.audience === '') throw new BadEventError(usage);
    return { kind: 'audiences', audiences: [e.audience], time };
  }
  if (e.audiences !== undefined) {
    if (!Array.isArray(e.audiences) || e.audiences.length === 0 || !e.audiences.every((a) => typeof a === 'string' && a !== '')) throw new BadEventError(usage);
    return { kind: 'audiences', audiences: e.audiences as string[], time };
  }
  return { kind: 'due', time };
}
