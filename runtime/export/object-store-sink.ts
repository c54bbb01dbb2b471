// Export files into an object store: S3 (the environment's exports bucket under the destination's
// prefix, or the destination's own bucket) or, on `runtime: local`, the same layout as folders.

import type { Readable } from 'node:stream';
import type { ObjectStore } from '../object-store';
import type { FileSink } from './file-sink';
import { insideBase } from './file-name';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.txt': 'text/plain',
  '.json': 'application/x-ndjson',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.parquet': 'application/vnd.apache.parquet',
  '.gz': 'application/gzip',
};

export class ObjectStoreSink implements FileSink {
  readonly location: string;

  /** `prefix` is '' or ends with '/'. */
  constructor(
    private readonly store: ObjectStore,
    private readonly bucket: string,
    private readonly prefix: string,
    scheme = 's3',
    /** @default - `<scheme>://<bucket>/<prefix>` */
    location?: string,
  ) {
    this.location = location ?? `${scheme}://${bucket}/${prefix}`;
  }

  async write(name: string, body: Readable): Promise<string> {
    const key = insideBase(this.prefix, name);
    const ext = /\.[A-Za-z0-9]+$/.exec(name)?.[0].toLowerCase() ?? '';
    await this.store.putStream(this.bucket, key, body, { contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' });
    return key;
  }

  async close(): Promise<void> {}
}
