// An SFTP connection for the runtime (ssh2), with the server's host key checked against the
// pinned `hostKeyFingerprint` (`SHA256:<base64>`, as `ssh-keygen -lf` prints it) before any
// credential is sent. Uploads are atomic for readers: written to a hidden temporary name in the
// target folder, then renamed over the target (OpenSSH's posix-rename, which replaces).

import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client, SFTPWrapper } from 'ssh2';
import { hostKeyFingerprint, HostKeyMismatchError, sameFingerprint } from './host-key';

export { HostKeyMismatchError };

export interface SftpConnectOptions {
  readonly host: string;
  /** @default 22 */
  readonly port?: number;
  readonly username: string;
  readonly password?: string;
  readonly privateKey?: string;
  readonly passphrase?: string;
  /** `SHA256:<base64>` of the server's host key (host-key.ts). */
  readonly hostKeyFingerprint: string;
  /** @default 20000 */
  readonly readyTimeoutMs?: number;
}

export class SftpError extends Error {
  override readonly name = 'SftpError';
}

export interface SftpSession {
  readonly sftp: SFTPWrapper;
  /** Creates `dir` and its parents (absolute, or relative to the login folder); existing folders are fine. */
  mkdirp(dir: string): Promise<void>;
  /** Writes `body` to `remotePath` atomically (temp name + rename in the same folder). */
  uploadAtomic(remotePath: string, body: Readable): Promise<void>;
  /** Names in a folder. */
  list(dir: string): Promise<string[]>;
  close(): void;
}

export async function connectSftp(o: SftpConnectOptions): Promise<SftpSession> {
  const client = new Client();
  let mismatch: HostKeyMismatchError | undefined;
  const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
    client.on('ready', () =>
      client.sftp((err, s) => {
        if (!err) return resolve(s);
        client.end();
        reject(new SftpError(`SFTP subsystem on ${o.host}: ${err.message}`));
      }),
    );
    client.on('error', (err) => {
      client.end();
      reject(mismatch ?? new SftpError(`SFTP connection to ${o.username}@${o.host}:${o.port ?? 22} failed: ${err.message}`));
    });
    client.connect({
      host: o.host,
      port: o.port ?? 22,
      username: o.username,
      password: o.password,
      privateKey: o.privateKey,
      passphrase: o.passphrase,
      readyTimeout: o.readyTimeoutMs ?? 20000,
      hostVerifier: (key: Buffer) => {
        const actual = hostKeyFingerprint(key);
        if (sameFingerprint(o.hostKeyFingerprint, actual)) return true;
        mismatch = new HostKeyMismatchError(`${o.host}:${o.port ?? 22}`, o.hostKeyFingerprint, actual);
        return false;
      },
    });
  });
  const call = <T>(what: string, fn: (cb: (err: Error | null | undefined, v?: T) => void) => void): Promise<T> =>
    new Promise((resolve, reject) => fn((err, v) => (err ? reject(new SftpError(`${what}: ${err.message}`)) : resolve(v as T))));
  const isDir = async (p: string): Promise<boolean> => {
    try {
      const st = await call<{ isDirectory(): boolean }>(`stat ${p}`, (cb) => sftp.stat(p, cb));
      return st.isDirectory();
    } catch {
      return false;
    }
  };
  const session: SftpSession = {
    sftp,
    async mkdirp(dir) {
      const parts = dir.split('/').filter(Boolean);
      let current = dir.startsWith('/') ? '' : '.';
      for (const part of parts) {
        current += `/${part}`;
        if (await isDir(current)) continue;
        try {
          await call(`mkdir ${current}`, (cb) => sftp.mkdir(current, cb));
        } catch (e) {
          if (!(await isDir(current))) throw e; // created concurrently is fine
        }
      }
    },
    async uploadAtomic(remotePath, body) {
      const temp = path.posix.join(path.posix.dirname(remotePath), `.${path.posix.basename(remotePath)}.${randomBytes(6).toString('hex')}.part`);
      try {
        await pipeline(body, sftp.createWriteStream(temp));
        await call(`rename ${temp} to ${remotePath}`, (cb) => sftp.ext_openssh_rename(temp, remotePath, cb));
      } catch (e) {
        await call('remove temp', (cb) => sftp.unlink(temp, cb)).catch(() => undefined);
        throw e instanceof SftpError ? e : new SftpError(`upload to ${o.host}:${remotePath} failed: ${(e as Error).message}`);
      }
    },
    async list(dir) {
      const entries = await call<{ filename: string }[]>(`readdir ${dir}`, (cb) => sftp.readdir(dir, cb));
      return entries.map((e) => e.filename).sort();
    },
    close() {
      client.end();
    },
  };
  return session;
}
