// The segment handler's core over a real local store with ingested example data: events in,
// snapshots and "Segmentation Finished" entries out, one JSON log line per step.

import { handleSegmentEvent, parseSegmentEvent } from '../../handlers/segment';
import { jsonLogger } from '../../runtime/log';
import { BadEventError, PutEventsEntry, readSnapshot } from '../../runtime/segment';
import { ingestSampleProfiles, IngestedSample } from '../segment/sample-profiles';

let s: IngestedSample;
beforeAll(async () => {
  s = await ingestSampleProfiles();
}, 120_000);
afterAll(() => s?.close());

function deps(now = new Date('2026-11-30T08:00:27Z')) {
  const lines: Record<string, unknown>[] = [];
  const published: PutEventsEntry[][] = [];
  return {
    lines,
    published,
    deps: { store: s.store, manifest: s.manifest, log: jsonLogger({ function: 'segment' }, (l) => lines.push(JSON.parse(l))), publish: async (e: readonly PutEventsEntry[]) => void published.push([...e]), now },
  };
}

describe('parseSegmentEvent', () => {
  const now = new Date('2026-11-30T08:00:27.500Z');
  it.each([
    [{ audience: 'a' }, { kind: 'audiences', audiences: ['a'], time: new Date('2026-11-30T08:00:00Z') }],
    [{ audiences: ['a', 'b'], time: '2026-11-30T09:30:00Z' }, { kind: 'audiences', audiences: ['a', 'b'], time: new Date('2026-11-30T09:30:00Z') }],
    [{}, { kind: 'due', time: new Date('2026-11-30T08:00:00Z') }],
    [{ 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2026-11-30T08:30:00Z', detail: {} }, { kind: 'due', time: new Date('2026-11-30T08:30:00Z') }],
  ])('%j', (event, want) => {
    expect(parseSegmentEvent(event, now)).toEqual(want);
  });
  it.each([[null], ['west-coast-affluent'], [{ audience: 7 }], [{ audiences: [] }], [{ audience: 'a', audiences: ['b'] }], [{ audienc: 'a' }], [{ audience: 'a', time: 'yesterday' }]])('refuses %j', (event) => {
    expect(() => parseSegmentEvent(event, now)).toThrow(BadEventError);
  });
});

describe('handleSegmentEvent', () => {
  it('segments the scheduled audience, writes its snapshot and publishes one event for it', async () => {
    const d = deps();
    const out = await handleSegmentEvent({ audience: 'golf-enthusiasts-30-55' }, d.deps);
    expect(out).toEqual({ runId: '20261130T080000Z', audiences: { 'golf-enthusiasts-30-55': expect.any(Number) }, profiles: { 'acme-prospects': s.expected.profiles }, events: 1 });
    expect((await readSnapshot(s.store, s.manifest.buckets.lake, 'golf-enthusiasts-30-55', '20261130T080000Z'))!.count).toBe(out.audiences['golf-enthusiasts-30-55']);
    expect(d.published).toHaveLength(1);
    expect(d.published[0][0]).toMatchObject({ Source: 'prospect.segmentation', DetailType: 'Segmentation Finished', EventBusName: 'default' });
    expect(JSON.parse(d.published[0][0].Detail)).toMatchObject({ environment: 'local', audience: 'golf-enthusiasts-30-55', runId: '20261130T080000Z' });
    expect(d.lines.map((l) => l.message)).toEqual(['profiles opened', 'audience segmented', 'segmentation finished']);
    expect(d.lines.every((l) => l.level === 'info' && l.function === 'segment' && typeof l.timestamp === 'string' && l.runTime === '2026-11-30T08:00:00.000Z')).toBe(true);
  });

  it('segments every audience due at the run time when no audience is named (08:00: two of three)', async () => {
    const d = deps();
    const out = await handleSegmentEvent({}, d.deps);
    expect(Object.keys(out.audiences)).toEqual(['golf-enthusiasts-30-55', 'west-coast-affluent']);
    expect(d.published.flat().map((e) => JSON.parse(e.Detail).audience)).toEqual(['golf-enthusiasts-30-55', 'west-coast-affluent']);
  });

  it('does nothing when no audience is due', async () => {
    const d = deps(new Date('2026-11-30T13:17:00Z'));
    expect(await handleSegmentEvent({}, d.deps)).toEqual({ runId: '', audiences: {}, profiles: {}, events: 0 });
    expect(d.published).toEqual([]);
  });

  it('names an unknown audience before reading any data', async () => {
    const d = deps();
    await expect(handleSegmentEvent({ audience: 'nope' }, d.deps)).rejects.toThrow('audience "nope" is not in the runtime manifest');
    expect(d.published).toEqual([]);
  });
});
