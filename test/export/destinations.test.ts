// Export to real servers: S3 through s3rver (the snapshots read from, and the files and manifest
// written to, its buckets), SFTP through an OpenSSH server started by the test (host key
// pinned, key authentication with the key read from a secret store).

import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openDestinationSink, runExport } from '../../runtime/export';
import { HostKeyMismatchError } from '../../runtime/host-key';
import { LocalSecretStore, secretEnvName } from '../../runtime/local-secret-store';
import type { RuntimeManifest } from '../../runtime/manifest';
import { S3ObjectStore } from '../../runtime/s3-object-store';
import { planSegmentation, runSegmentation } from '../../runtime/segment';
import { connectSftp } from '../../runtime/sftp-client';
import { startS3rver, LocalS3 } from '../support/s3rver';
import { startSshd, TestSshd } from '../support/sshd';
import { exportWorld, ExportWorld, SEGMENT_RUN, SEGMENT_TIME, setActivation, setDestination, testManifest } from './fixtures';
import { ATTRIBUTES, HEADER, ROW1, ROW2, ROW3, ROW6 } from './golden';

let world: ExportWorld;
beforeAll(async () => {
  world = await exportWorld();
});
afterAll(() => world.close());

/** The example's manifest on AWS: acme-match-daily reshaped to the awkward attributes. */
function awsManifest(): RuntimeManifest {
  const m = testManifest(world.root) as unknown as { environment: { runtime: string } };
  m.environment.runtime = 'aws';
  const manifest = m as unknown as RuntimeManifest;
  setActivation(manifest, 'acme-match-daily', { audiences: ['west-coast-affluent'], attributes: ATTRIBUTES });
  return manifest;
}

describe('S3 destination (s3rver)', () => {
  let s3: LocalS3;
  let manifest: RuntimeManifest;
  beforeAll(async () => {
    manifest = awsManifest();
    s3 = await startS3rver([manifest.buckets.lake, manifest.buckets.exports, 'partner-owned-bucket']);
  }, 60_000);
  afterAll(() => s3?.stop());

  async function segmentInto(store: S3ObjectStore): Promise<void> {
    await runSegmentation(planSegmentation(manifest, ['west-coast-affluent']), SEGMENT_TIME, { connection: world.connection, profileTable: () => 'profiles', store, lakeBucket: manifest.buckets.lake });
  }
  const get = async (bucket: string, key: string) => Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());

  it('writes the exact CSV into the exports bucket under the destination prefix, and the manifest into the lake', async () => {
    const store = new S3ObjectStore(s3.client);
    await segmentInto(store);
    const out = await runExport(
      { activation: 'acme-match-daily', time: SEGMENT_TIME, segmentationRunId: SEGMENT_RUN },
      { manifest, connection: world.connection, profileTable: () => 'profiles', store, openSink: (p) => openDestinationSink(p, { manifest, store }) },
    );
    const key = 'partner-match/acme/partner-match-s3_west-coast-affluent_20261130_080000.csv.gz';
    const bytes = await get(manifest.buckets.exports, key);
    expect(gunzipSync(bytes).toString('utf8')).toBe(HEADER + ROW1 + ROW2 + ROW3 + ROW6);
    expect(out.location).toBe(`s3://${manifest.buckets.exports}/partner-match/acme/`);
    expect(out.audiences[0].files[0]).toEqual({ name: key.split('/').pop(), path: key, rows: 4, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const stored = JSON.parse((await get(manifest.buckets.lake, 'exports/acme-match-daily/run=20261130T080000Z/manifest.json')).toString('utf8'));
    expect(stored.totals).toEqual({ files: 1, rows: 4, bytes: bytes.length });
  });

  it('writes to a destination\'s own bucket and prefix, split into parts', async () => {
    const store = new S3ObjectStore(s3.client);
    setDestination(manifest, 'partner-match-s3', { s3: { bucket: 'partner-owned-bucket', prefix: 'incoming/acme' } }, { compression: 'none', maxRowsPerFile: 2 });
    await runExport(
      { activation: 'acme-match-daily', time: SEGMENT_TIME, segmentationRunId: SEGMENT_RUN },
      { manifest, connection: world.connection, profileTable: () => 'profiles', store, openSink: (p) => openDestinationSink(p, { manifest, store }) },
    );
    const keys = (await store.list('partner-owned-bucket', '')).map((o) => o.key);
    expect(keys).toEqual(['incoming/acme/partner-match-s3_west-coast-affluent_20261130_080000-part-0001.csv', 'incoming/acme/partner-match-s3_west-coast-affluent_20261130_080000-part-0002.csv']);
    expect((await get('partner-owned-bucket', keys[0])).toString('utf8')).toBe(HEADER + ROW1 + ROW2);
    expect((await get('partner-owned-bucket', keys[1])).toString('utf8')).toBe(HEADER + ROW3 + ROW6);
  });
});

describe('SFTP destination (OpenSSH)', () => {
  let sshd: TestSshd;
  let manifest: RuntimeManifest;
  const secretName = 'prospect/media-partner/sftp-private-key';
  let secrets: LocalSecretStore;
  beforeAll(async () => {
    sshd = await startSshd();
    manifest = awsManifest();
    setActivation(manifest, 'golf-to-media-partner', { attributes: ['age', 'interests', 'homeAddress.postalCode', 'homeAddress.city'] });
    setDestination(manifest, 'media-partner-sftp', {
      sftp: { host: '127.0.0.1', port: sshd.port, username: sshd.username, auth: { type: 'ssh-key', secretName }, hostKeyFingerprint: sshd.hostKeyFingerprint, path: path.join(sshd.dir, 'inbound', 'acme-prospects') },
    }, { format: 'csv', compression: 'none', nameTemplate: 'daily/%AUDIENCE_NAME%_%DATETIME(YYYYMMdd)%.csv', csv: { delimiter: '|', nullValue: '\\N' } });
    secrets = new LocalSecretStore(undefined, { [secretEnvName(secretName)]: sshd.privateKey });
  }, 60_000);
  afterAll(() => sshd?.stop());

  const ctx = (m: RuntimeManifest) => ({
    manifest: m,
    connection: world.connection,
    profileTable: () => 'profiles',
    store: world.store,
    openSink: (p: Parameters<typeof openDestinationSink>[0]) => openDestinationSink(p, { manifest: m, store: world.store, secrets }),
  });

  it('uploads the file below the destination path, creating folders, with the exact bytes', async () => {
    const out = await runExport({ activation: 'golf-to-media-partner', time: SEGMENT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(manifest));
    const remote = path.join(sshd.dir, 'inbound', 'acme-prospects', 'daily', 'golf-enthusiasts-30-55_20261130.csv');
    expect(out.audiences[0].files.map((f) => f.path)).toEqual([remote]);
    expect(out.location).toBe(`sftp://${sshd.username}@127.0.0.1:${sshd.port}${path.join(sshd.dir, 'inbound', 'acme-prospects')}`);
    expect(fs.readFileSync(remote, 'utf8')).toBe(
      'PARTNER_ID|age|interests|homeAddress.postalCode|homeAddress.city\n' +
        'AC0000000003|42|golf;wine|02134|San Francisco\n' +
        'AC0000000004|50|golf|10001|New York\n' +
        'AC0000000005|33|golf|92101|San Diego\n' +
        'AC0000000006|55|golf|02134|Los Angeles\n',
    );
    // No temporary upload names are left behind.
    expect(fs.readdirSync(path.dirname(remote))).toEqual(['golf-enthusiasts-30-55_20261130.csv']);
  });

  it('replaces the file of a re-run atomically', async () => {
    await runExport({ activation: 'golf-to-media-partner', time: SEGMENT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(manifest));
    expect(fs.readdirSync(path.join(sshd.dir, 'inbound', 'acme-prospects', 'daily'))).toEqual(['golf-enthusiasts-30-55_20261130.csv']);
  });

  it('refuses a server whose host key does not match the pinned fingerprint, before authenticating', async () => {
    const m = structuredClone(manifest);
    setDestination(m, 'media-partner-sftp', { sftp: { ...m.destinations['media-partner-sftp'].sftp!, hostKeyFingerprint: 'SHA256:Jz5ZL0n3vY4a8sJd0lJpQzq5cD7bN8mK2xHf1gT6wEo', path: path.join(sshd.dir, 'never') } });
    await expect(runExport({ activation: 'golf-to-media-partner', time: SEGMENT_TIME, segmentationRunId: SEGMENT_RUN }, ctx(m))).rejects.toThrow(HostKeyMismatchError);
    expect(fs.existsSync(path.join(sshd.dir, 'never'))).toBe(false);
  });

  it('connectSftp reports a wrong key as an authentication failure naming the server', async () => {
    const other = (await startSshd());
    try {
      await expect(
        connectSftp({ host: '127.0.0.1', port: sshd.port, username: sshd.username, privateKey: other.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint }),
      ).rejects.toThrow(`SFTP connection to ${sshd.username}@127.0.0.1:${sshd.port} failed`);
    } finally {
      await other.stop();
    }
  });
});
