// Where an export's files go. Each sink writes a file whole or not at all (readers never see a
// partial file) and keeps every name inside the destination's prefix or path (insideBase).

import type { Readable } from 'node:stream';

export interface FileSink {
  /** The destination's base, for manifests and messages: s3://bucket/prefix or sftp://user@host:port/path. */
  readonly location: string;
  /** Writes one file; `name` is relative to the base. Returns the object key or remote path written. */
  write(name: string, body: Readable): Promise<string>;
  close(): Promise<void>;
}
