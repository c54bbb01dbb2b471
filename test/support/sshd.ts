// Starts a real OpenSSH server for tests: 127.0.0.1, a free port, its own host key, config and
// authorized key (generated with ssh-keygen), SFTP through internal-sftp.

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const SSHD = '/usr/sbin/sshd';
export const sshdAvailable = fs.existsSync(SSHD);

export interface TestSshd {
  readonly port: number;
  readonly username: string;
  /** The client's private key (OpenSSH format), authorized on this server. */
  readonly privateKey: string;
  /** `SHA256:...` as `ssh-keygen -lf` prints it for the host key. */
  readonly hostKeyFingerprint: string;
  /** A folder the user can read, for files to poll. */
  readonly dir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startSshd(): Promise<TestSshd> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sshd-'));
  const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(path.join(root, 'host_key'));
  keygen(path.join(root, 'client_key'));
  fs.copyFileSync(path.join(root, 'client_key.pub'), path.join(root, 'authorized_keys'));
  const fingerprint = execFileSync('ssh-keygen', ['-lf', path.join(root, 'host_key.pub')]).toString().split(' ')[1];
  const dir = path.join(root, 'outbox');
  fs.mkdirSync(dir);
  const port = await freePort();
  const username = os.userInfo().username;
  fs.writeFileSync(
    path.join(root, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(root, 'host_key')}`,
      `AuthorizedKeysFile ${path.join(root, 'authorized_keys')}`,
      `PidFile ${path.join(root, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  fs.mkdirSync('/run/sshd', { recursive: true });
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', path.join(root, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not start in 10 s: ${err}`)), 10_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with code ${code}: ${err}`));
    });
  });
  return {
    port,
    username,
    privateKey: fs.readFileSync(path.join(root, 'client_key'), 'utf8'),
    hostKeyFingerprint: fingerprint,
    dir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
