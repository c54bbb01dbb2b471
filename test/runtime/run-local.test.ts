// `prospect ingest FILE` and the local run's progress output.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { progressReporter } from '../../runtime/progress';
import { ingestFile, IngestProgressEvent, resolveLocalRoot, runLocalIngest } from '../../runtime/run-local';
import { tempRoot } from '../support/ingest-harness';
import { partnerCsvLines, partnerManifest } from '../support/partner-fixture';

function sink(isTTY: boolean): Writable & { text: string; isTTY: boolean; columns: number } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  w.text = '';
  w.isTTY = isTTY;
  w.columns = 120;
  return w;
}

describe('ingestFile', () => {
  it('checks a file in a dry run without writing anything', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const file = path.join(tempRoot(), 'sample.csv');
    fs.writeFileSync(file, [...partnerCsvLines({ rows: 100, invalidShare: 0.1 })].join('\n'));
    const r = await ingestFile({ file, source: 'acme-s3', manifest, dryRun: true });
    expect(r.manifest).toMatchObject({ dryRun: true, rowsRead: 100, object: { bucket: 'file' } });
    expect(r.manifest.accepted + r.manifest.rejected).toBe(100);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('lands the file under the source prefix and ingests it; the next local run finds it ingested', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({ localRoot: root });
    const file = path.join(tempRoot(), 'drop-2026-12-01.csv');
    fs.writeFileSync(file, [...partnerCsvLines({ rows: 50, invalidShare: 0 })].join('\n'));
    const r = await ingestFile({ file, source: 'acme-s3', manifest });
    expect(r.manifest).toMatchObject({ status: 'published', accepted: 50, object: { key: 'sources/acme-s3/drop-2026-12-01.csv' } });
    const run = await runLocalIngest({ specDir: '/', manifest });
    expect(run.totals).toMatchObject({ files: 1, alreadyIngested: 1, ingested: 0 });
    expect(await new LocalObjectStore(root).exists(manifest.buckets.landing, 'sources/acme-s3/drop-2026-12-01.csv')).toBe(true);
  });

  it('names a missing file and an unknown source', async () => {
    const manifest = partnerManifest({ localRoot: tempRoot() });
    await expect(ingestFile({ file: '/nope/x.csv', source: 'acme-s3', manifest })).rejects.toThrow('/nope/x.csv: no such file');
    const file = path.join(tempRoot(), 'a.csv');
    fs.writeFileSync(file, 'x');
    await expect(ingestFile({ file, source: 'other', manifest })).rejects.toThrow('no Source named other; sources: acme-s3');
  });
});

describe('local runs', () => {
  it('need runtime: local with a localRoot, resolved against the spec folder', () => {
    expect(resolveLocalRoot(partnerManifest({ localRoot: '.local' }), '/specs')).toBe('/specs/.local');
    expect(() => resolveLocalRoot(partnerManifest({ runtime: 'aws' }), '/specs')).toThrow('environment test has runtime: aws; local runs need an Environment with runtime: local');
    expect(() => resolveLocalRoot(partnerManifest({}), '/specs')).toThrow('environment test has no localRoot');
  });

  it('lands files dropped in the local SFTP folder and reports progress', async () => {
    const root = tempRoot();
    const manifest = partnerManifest({
      localRoot: root,
      sources: { 'acme-sftp': { type: 'sftp', sftp: { host: 'localhost', username: 'u', auth: { type: 'ssh-key', secretName: 's' }, hostKeyFingerprint: 'SHA256:x', path: '/out' } } },
    });
    fs.mkdirSync(path.join(root, 'sftp/acme-sftp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'sftp/acme-sftp/a.csv'), [...partnerCsvLines({ rows: 20, invalidShare: 0 })].join('\n'));
    fs.writeFileSync(path.join(root, 'sftp/acme-sftp/b.csv'), [...partnerCsvLines({ rows: 20, invalidShare: 0.5, seed: 9 })].join('\n'));
    const events: IngestProgressEvent[] = [];
    const plain = sink(false);
    const report = progressReporter(plain);
    const run = await runLocalIngest({ specDir: '/', manifest, onProgress: (e) => (events.push(e), report(e)) });
    expect(run.files.map((f) => [f.key, f.status])).toEqual([
      ['sources/acme-sftp/a.csv', 'published'],
      ['sources/acme-sftp/b.csv', 'rejected-threshold'],
    ]);
    expect(run.totals).toMatchObject({ files: 2, ingested: 2, published: 1, rejectedThreshold: 1, rowsRead: 40 });
    expect(plain.text.split('\n')[0]).toBe('[1/2] acme-sftp a.csv: published (20 read, 20 accepted, 0 rejected)');
    expect(plain.text.split('\n')[1]).toMatch(/^\[2\/2\] acme-sftp b\.csv: rejected-threshold \(20 read, \d+ accepted, \d+ rejected\): \d+ of 20 records/);
    const tty = sink(true);
    const bar = progressReporter(tty);
    events.forEach(bar);
    expect(tty.text).toContain('\r\x1b[K[############------------] 1/2');
    expect(tty.text).toContain('[########################] 2/2');
    // Nothing new the second time.
    expect((await runLocalIngest({ specDir: '/', manifest })).totals).toMatchObject({ ingested: 0, alreadyIngested: 2 });
  });
});
