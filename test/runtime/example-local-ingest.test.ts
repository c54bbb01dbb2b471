// Done means: the example's local environment ingests the generated sample files with the
// expected accepted and rejected counts, and re-running changes nothing.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePartnerFiles, localTargets } from '../../examples/generate-partner-files';
import { buildRuntimeManifest } from '../../runtime/manifest';
import { openProfiles } from '../../runtime/profiles';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { runLocalIngest } from '../../runtime/run-local';
import { validateSpecDir } from '../../specs/validate';
import { tempRoot } from '../support/ingest-harness';

describe('the example, run locally', () => {
  it('ingests the generated sample files with the expected counts, merges profiles, and a second run changes nothing', async () => {
    const specDir = path.join(tempRoot(), 'prospecting');
    fs.cpSync(path.join(__dirname, '../../examples/prospecting'), specDir, { recursive: true });
    const targets = localTargets(specDir);
    const expected = await generatePartnerFiles({ outDir: targets.outDir, csvDir: targets.csvDir, jsonDir: targets.jsonDir });
    const validation = validateSpecDir(specDir, { env: 'local' });
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const manifest = buildRuntimeManifest(validation.specs, validation.environment!);

    const events: string[] = [];
    const first = await runLocalIngest({ specDir, manifest, onProgress: (e) => events.push(e.type) });
    expect(first.landingErrors).toEqual([]);
    expect(first.files).toHaveLength(Object.keys(expected.files).length);
    for (const file of first.files) {
      const exp = Object.values(expected.files).find((f) => f.source === file.source)!;
      expect({ source: file.source, status: file.status, rowsRead: file.rowsRead, accepted: file.accepted, rejected: file.rejected }).toEqual({
        source: exp.source,
        status: 'published',
        rowsRead: exp.records,
        accepted: exp.good,
        rejected: exp.bad,
      });
    }
    expect(events.filter((e) => e === 'file-done')).toHaveLength(first.files.length);

    // The rejected records are exactly the generator's bad rows, by record number.
    const store = new LocalObjectStore(first.localRoot);
    for (const file of first.files) {
      const exp = Object.values(expected.files).find((f) => f.source === file.source)!;
      const key = `rejected/acme-prospects/batch=${file.batchId}/rejected.jsonl`;
      const records = (await store.get(manifest.buckets.lake, key)).toString().trim().split('\n').map((l) => JSON.parse(l).record);
      expect(records).toEqual(exp.badRows.map((b) => b.record).sort((a, b) => a - b));
    }

    const lakeBefore = (await store.list(manifest.buckets.lake, '')).map((o) => [o.key, o.etag]);
    const second = await runLocalIngest({ specDir, manifest });
    expect(second.totals).toMatchObject({ files: first.files.length, ingested: 0, alreadyIngested: first.files.length });
    expect((await store.list(manifest.buckets.lake, '')).map((o) => [o.key, o.etag])).toEqual(lakeBefore);

    const view = await openProfiles(store, manifest, 'acme-prospects', { now: new Date() });
    try {
      expect(view.mergeField).toBe('lastUpdated');
      expect(view.count).toBe(expected.profiles);
      for (const d of expected.duplicates.slice(0, 5)) {
        const [row] = (await view.connection.runAndReadAll(`SELECT strftime("lastUpdated", '%Y-%m-%dT%H:%M:%S') AS t FROM ${view.table} WHERE "partnerId" = '${d.partnerId}'`)).getRowObjectsJS();
        expect(String(row.t)).toBe((d.newer === 'acme-s3-drop' ? d.csvLastUpdated : d.jsonLastUpdated).slice(0, 19));
      }
    } finally {
      view.close();
    }
  });
});
