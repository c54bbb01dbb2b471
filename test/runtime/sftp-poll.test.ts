// SFTP polling against a real OpenSSH server started by the test.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ingestObject } from '../../runtime/ingest/ingest-object';
import { hostKeyFingerprint, sameFingerprint } from '../../runtime/host-key';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { LocalSecretStore, secretEnvName } from '../../runtime/local-secret-store';
import { SecretNotFoundError } from '../../runtime/secret-store';
import { pollSftpSource } from '../../runtime/sftp-poll';
import { tempRoot } from '../support/ingest-harness';
import { partnerCsvLines, partnerManifest } from '../support/partner-fixture';
import { sshdAvailable, startSshd, TestSshd } from '../support/sshd';

const csv = (rows: number, firstId: number) => [...partnerCsvLines({ rows, firstId, invalidShare: 0 })].join('\n') + '\n';

describe('host key fingerprints', () => {
  it('match ssh-keygen -lf (SHA256, base64 without padding) and compare with or without prefix', () => {
    const fp = hostKeyFingerprint(Buffer.from('not really a key'));
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(sameFingerprint(fp.slice(7) + '=', fp)).toBe(true);
    expect(sameFingerprint('SHA256:other', fp)).toBe(false);
  });
});

describe('LocalSecretStore', () => {
  it('reads PROSPECT_SECRET_<NAME> first, then the JSON file, and names both when missing', async () => {
    const file = path.join(tempRoot(), 'secrets.json');
    fs.writeFileSync(file, JSON.stringify({ 'acme/sftp': 'from-file', json: { privateKey: 'k' } }));
    const store = new LocalSecretStore(file, { [secretEnvName('acme/sftp')]: 'from-env' });
    expect(secretEnvName('acme/sftp')).toBe('PROSPECT_SECRET_ACME_SFTP');
    expect(await store.get('acme/sftp')).toBe('from-env');
    expect(await new LocalSecretStore(file, {}).get('acme/sftp')).toBe('from-file');
    expect(await new LocalSecretStore(file, {}).get('json')).toBe('{"privateKey":"k"}');
    await expect(store.get('missing')).rejects.toThrow(SecretNotFoundError);
    await expect(store.get('missing')).rejects.toThrow(`secret missing not found in PROSPECT_SECRET_MISSING or ${file}`);
  });
});

// On CI an absent sshd is a broken setup, not a reason to skip (.ci/run installs it).
if (!sshdAvailable && process.env.CI) throw new Error('SFTP tests need OpenSSH at /usr/sbin/sshd: apt-get install -y openssh-server');
const describeSshd = sshdAvailable ? describe : describe.skip;
if (!sshdAvailable) console.warn('SKIPPED: SFTP tests need OpenSSH at /usr/sbin/sshd (apt-get install -y openssh-server)');

describeSshd('pollSftpSource against OpenSSH', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => sshd?.stop());

  function setup(opts: { fingerprint?: string; secret?: string | null } = {}) {
    const root = tempRoot();
    const manifest = partnerManifest({
      localRoot: root,
      sources: {
        'acme-sftp': {
          type: 'sftp',
          schedule: '0 * * * *',
          sftp: {
            host: '127.0.0.1',
            port: sshd.port,
            username: sshd.username,
            auth: { type: 'ssh-key', secretName: 'acme-sftp-key' },
            hostKeyFingerprint: opts.fingerprint ?? sshd.hostKeyFingerprint,
            path: sshd.dir,
          },
        },
      },
    });
    const env = opts.secret === null ? {} : { [secretEnvName('acme-sftp-key')]: opts.secret ?? sshd.privateKey };
    const store = new LocalObjectStore(root);
    const secrets = new LocalSecretStore(undefined, env);
    const ingest = (object: { bucket: string; key: string }) => ingestObject({ store, manifest, source: 'acme-sftp', object });
    return { root, manifest, store, secrets, ingest };
  }

  beforeEach(() => {
    for (const f of fs.readdirSync(sshd.dir)) fs.rmSync(path.join(sshd.dir, f), { recursive: true });
  });

  it('lands new files, ingests them, and skips them on the next poll', async () => {
    fs.writeFileSync(path.join(sshd.dir, 'a.csv'), csv(50, 1));
    fs.writeFileSync(path.join(sshd.dir, 'b.csv'), csv(30, 100));
    fs.writeFileSync(path.join(sshd.dir, '.partial'), 'ignored');
    fs.mkdirSync(path.join(sshd.dir, 'archive'));
    const { manifest, store, secrets, ingest } = setup();
    const first = await pollSftpSource({ store, manifest, source: 'acme-sftp', secrets, ingest });
    expect(first.error).toBeUndefined();
    expect(first.files.map((f) => [f.name, f.status, f.ingest?.manifest.status, f.ingest?.manifest.accepted])).toEqual([
      ['a.csv', 'landed', 'published', 50],
      ['b.csv', 'landed', 'published', 30],
    ]);
    expect((await store.get(manifest.buckets.landing, 'sources/acme-sftp/a.csv')).toString()).toBe(csv(50, 1));
    const second = await pollSftpSource({ store, manifest, source: 'acme-sftp', secrets, ingest });
    expect(second.files.map((f) => [f.name, f.status])).toEqual([
      ['a.csv', 'skipped'],
      ['b.csv', 'skipped'],
    ]);
    // A changed file (new size) is landed again.
    fs.appendFileSync(path.join(sshd.dir, 'b.csv'), csv(5, 200).split('\n').slice(1).join('\n'));
    const third = await pollSftpSource({ store, manifest, source: 'acme-sftp', secrets, ingest });
    expect(third.files.map((f) => [f.name, f.status, f.ingest?.manifest.rowsRead])).toEqual([
      ['a.csv', 'skipped', undefined],
      ['b.csv', 'landed', 35],
    ]);
  });

  it('refuses a host whose key does not match, naming both fingerprints', async () => {
    fs.writeFileSync(path.join(sshd.dir, 'a.csv'), csv(5, 1));
    const wrong = 'SHA256:' + 'A'.repeat(43);
    const { manifest, store, secrets } = setup({ fingerprint: wrong });
    const r = await pollSftpSource({ store, manifest, source: 'acme-sftp', secrets });
    expect(r.files).toEqual([]);
    expect(r.error).toBe(
      `host key of 127.0.0.1:${sshd.port} is ${sshd.hostKeyFingerprint}, but hostKeyFingerprint is ${wrong}: refusing to connect. If the partner rotated its key, confirm the new fingerprint with them and update spec.sftp.hostKeyFingerprint`,
    );
    expect(await store.list(manifest.buckets.landing, '')).toEqual([]);
  });

  it('fails the source with a clear error when the secret is missing', async () => {
    const { manifest, store, secrets } = setup({ secret: null });
    const r = await pollSftpSource({ store, manifest, source: 'acme-sftp', secrets });
    expect(r.error).toMatch(/^secret acme-sftp-key not found in PROSPECT_SECRET_ACME_SFTP_KEY/);
  });

  it('fails only the file that vanished between listing and download', async () => {
    for (const n of ['a.csv', 'b.csv', 'c.csv']) fs.writeFileSync(path.join(sshd.dir, n), csv(3, n.charCodeAt(0) * 10));
    const { manifest, store, secrets, ingest } = setup();
    // Remove b.csv as soon as a.csv has been ingested (after listing, before b's download).
    const r = await pollSftpSource({
      store,
      manifest,
      source: 'acme-sftp',
      secrets,
      ingest: async (o) => {
        fs.rmSync(path.join(sshd.dir, 'b.csv'), { force: true });
        return ingest(o);
      },
    });
    expect(r.files.map((f) => [f.name, f.status])).toEqual([
      ['a.csv', 'landed'],
      ['b.csv', 'failed'],
      ['c.csv', 'landed'],
    ]);
    expect(r.files[1].error).toBe(`${sshd.dir}/b.csv vanished between listing and download; it will be picked up if it reappears`);
    expect(r.files[2].ingest?.manifest.status).toBe('published');
    expect(await store.exists(manifest.buckets.landing, 'sources/acme-sftp/b.csv')).toBe(false);
  });
});
