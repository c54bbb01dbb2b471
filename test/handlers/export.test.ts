// The export handler's core over a real local store with ingested and segmented example data.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { handleExportEvent, parseExportEvent } from '../../handlers/export';
import { handleSegmentEvent } from '../../handlers/segment';
import { BadEventError } from '../../runtime/export';
import { LocalSecretStore } from '../../runtime/local-secret-store';
import { jsonLogger } from '../../runtime/log';
import { ingestSampleProfiles, IngestedSample } from '../segment/sample-profiles';

let s: IngestedSample;
const lines: Record<string, unknown>[] = [];
const log = jsonLogger({ function: 'export' }, (l) => lines.push(JSON.parse(l)));
beforeAll(async () => {
  s = await ingestSampleProfiles();
  await handleSegmentEvent({ audiences: ['west-coast-affluent', 'homeowners-with-email', 'golf-enthusiasts-30-55'], time: '2026-11-30T08:00:00Z' }, { store: s.store, manifest: s.manifest, log, publish: async () => undefined });
}, 120_000);
afterAll(() => s?.close());
beforeEach(() => (lines.length = 0));

const deps = () => ({ store: s.store, manifest: s.manifest, secrets: new LocalSecretStore(undefined, {}), log, now: new Date('2026-11-30T09:00:00Z') });

describe('parseExportEvent', () => {
  const now = new Date('2026-11-30T09:00:00Z');
  it.each([
    [{ activation: 'a' }, { activation: 'a', audience: undefined, runId: undefined, time: now }],
    [{ activation: 'a', audience: 'x', runId: '20261130T080000Z' }, { activation: 'a', audience: 'x', runId: '20261130T080000Z', time: now }],
  ])('%j', (event, want) => expect(parseExportEvent(event, now)).toEqual(want));
  it.each([[{}], [{ activation: 'a', audience: 'x' }], [{ activation: 'a', runId: '20261130T080000Z' }], [{ activation: 'a', audience: 'x', runId: 'yesterday' }], [{ activation: 'a', extra: 1 }]])('refuses %j', (event) => {
    expect(() => parseExportEvent(event, now)).toThrow(BadEventError);
  });
});

describe('handleExportEvent', () => {
  it('exports one audience of an after-segmentation activation from that run, with its own manifest', async () => {
    const out = await handleExportEvent({ activation: 'acme-match-daily', audience: 'homeowners-with-email', runId: '20261130T080000Z' }, deps());
    expect(out).toMatchObject({ status: 'exported', activation: 'acme-match-daily', runId: '20261130T080000Z-homeowners-with-email', manifestKey: 'exports/acme-match-daily/run=20261130T080000Z-homeowners-with-email/manifest.json', files: 1 });
    const file = path.join(s.root, s.manifest.buckets.exports, 'partner-match', 'acme', 'partner-match-s3_homeowners-with-email_20261130_080000.csv.gz');
    expect(fs.statSync(file).size).toBe((out as { bytes: number }).bytes);
    expect(lines.map((l) => l.message)).toEqual(['profiles opened', 'audience exported', 'export finished']);
    expect(lines[2]).toMatchObject({ level: 'info', function: 'export', activation: 'acme-match-daily', audience: 'homeowners-with-email', segmentationRunId: '20261130T080000Z' });
  });

  it('skips a scheduled export outside the activation window', async () => {
    const out = await handleExportEvent({ activation: 'golf-to-media-partner', time: '2028-02-01T00:00:00Z' }, deps());
    expect(out).toEqual({ status: 'skipped', activation: 'golf-to-media-partner', reason: "2028-02-01 is outside the activation's window 2026-01-05..2027-12-31" });
  });
});
