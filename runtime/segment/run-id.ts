// Run ids name one segmentation or export run in the lake (`run=<id>`): derived from the run time
// alone, so the same scheduled run always writes to the same place (a retry overwrites, never
// duplicates) and ids sort in time order.

/** `YYYYMMDDTHHmmssZ` in UTC, e.g. `20261130T080000Z`; milliseconds are dropped. */
export function runIdOf(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new RangeError('run time is not a valid date');
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The run time a run id stands for. */
export function runTimeOf(runId: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(runId);
  if (!m) throw new RangeError(`run id ${JSON.stringify(runId)} is not YYYYMMDDTHHmmssZ`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
