// Export files onto an SFTP server, below the destination's `path`, each uploaded atomically.

import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { SftpSession } from '../sftp-client';
import type { FileSink } from './file-sink';
import { insideBase } from './file-name';

export class SftpSink implements FileSink {
  readonly location: string;
  private readonly made = new Set<string>();

  /** `basePath` is the destination's absolute `sftp.path`. */
  constructor(
    private readonly session: SftpSession,
    private readonly basePath: string,
    where: { readonly host: string; readonly port?: number; readonly username: string },
  ) {
    this.location = `sftp://${where.username}@${where.host}:${where.port ?? 22}${basePath}`;
  }

  async write(name: string, body: Readable): Promise<string> {
    const remote = insideBase(this.basePath, name);
    const dir = path.posix.dirname(remote);
    if (!this.made.has(dir)) {
      await this.session.mkdirp(dir);
      this.made.add(dir);
    }
    await this.session.uploadAtomic(remote, body);
    return remote;
  }

  async close(): Promise<void> {
    this.session.close();
  }
}
