// The sftp-poll Lambda edge over a real OpenSSH server: logs per file, and a failure that names
// what failed while the other files' outcomes stand.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { BadEventError, handlePollEvent, parsePollEvent, SftpPollError } from '../../handlers/sftp-poll';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { LocalSecretStore, secretEnvName } from '../../runtime/local-secret-store';
import { jsonLogger } from '../../runtime/log';
import { tempRoot } from '../support/ingest-harness';
import { partnerCsvLines, partnerManifest } from '../support/partner-fixture';
import { sshdAvailable, startSshd, TestSshd } from '../support/sshd';

it('sftp-poll accepts only {"source": name}', () => {
  expect(parsePollEvent({ source: 'x' })).toEqual({ source: 'x' });
  expect(() => parsePollEvent({})).toThrow(BadEventError);
});

// On CI an absent sshd is a broken setup, not a reason to skip (.ci/run installs it).
if (!sshdAvailable && process.env.CI) throw new Error('SFTP tests need OpenSSH at /usr/sbin/sshd: apt-get install -y openssh-server');
const describeSshd = sshdAvailable ? describe : describe.skip;
if (!sshdAvailable) console.warn('SKIPPED: SFTP handler tests need OpenSSH at /usr/sbin/sshd (apt-get install -y openssh-server)');

describeSshd('sftp-poll handler', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => sshd?.stop());

  it('lands files (the landing event triggers ingestion), logs each, and throws naming the failed source', async () => {
    fs.writeFileSync(path.join(sshd.dir, 'f.csv'), [...partnerCsvLines({ rows: 10, invalidShare: 0 })].join('\n') + '\n');
    const root = tempRoot();
    const sftp = { host: '127.0.0.1', port: sshd.port, username: sshd.username, auth: { type: 'ssh-key' as const, secretName: 'k' }, hostKeyFingerprint: sshd.hostKeyFingerprint, path: sshd.dir };
    const manifest = partnerManifest({ localRoot: root, sources: { good: { type: 'sftp', sftp }, 'no-secret': { type: 'sftp', sftp: { ...sftp, auth: { type: 'ssh-key', secretName: 'absent' } } } } });
    const store = new LocalObjectStore(root);
    const secrets = new LocalSecretStore(undefined, { [secretEnvName('k')]: sshd.privateKey });
    const lines: Record<string, unknown>[] = [];
    const log = jsonLogger({ function: 'sftp-poll' }, (l) => lines.push(JSON.parse(l)));
    const r = await handlePollEvent({ source: 'good' }, { store, manifest, secrets, log });
    expect(r.files.map((f) => [f.name, f.status, f.ingest])).toEqual([['f.csv', 'landed', undefined]]);
    expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'landed', source: 'good', file: 'f.csv', landed: expect.stringMatching(/f\.csv$/) })]);
    await expect(handlePollEvent({ source: 'no-secret' }, { store, manifest, secrets, log })).rejects.toThrow(SftpPollError);
    expect(lines[1]).toMatchObject({ level: 'error', source: 'no-secret', message: expect.stringMatching(/^source failed: secret absent not found/) });
  });
});
