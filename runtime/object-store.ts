// The object store the runtime reads and writes: S3 in the cloud, a folder per bucket on a laptop.
// Both backends pass the same contract tests (test/runtime/object-store.contract.test.ts).

import type { Readable } from 'node:stream';

/** What a store knows about one object. */
export interface ObjectInfo {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Content identity: S3's ETag without quotes; the local store uses the MD5 of the content. */
  readonly etag: string;
  /** Set only by a versioned S3 bucket. */
  readonly versionId?: string;
  readonly lastModified: Date;
}

export interface PutOptions {
  /** @default 'application/octet-stream' */
  readonly contentType?: string;
}

export interface ObjectStore {
  /** Whole object in memory: for small objects (manifests, JSON). Throws NoSuchObjectError. */
  get(bucket: string, key: string): Promise<Buffer>;
  /** Object as a stream: for partner files and Parquet. Throws NoSuchObjectError. */
  getStream(bucket: string, key: string): Promise<Readable>;
  put(bucket: string, key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo>;
  /** Streams the body; readers never see a partly written object. */
  putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo>;
  /** Stores a local file the caller no longer needs (the local store may move it into place). */
  putFile(bucket: string, key: string, file: string, options?: PutOptions): Promise<void>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(bucket: string, prefix: string): Promise<ObjectInfo[]>;
  /** `undefined` when the object does not exist. */
  head(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  /** Deleting a missing object is not an error (as in S3). */
  delete(bucket: string, key: string): Promise<void>;
  exists(bucket: string, key: string): Promise<boolean>;
}

export class NoSuchObjectError extends Error {
  override readonly name = 'NoSuchObjectError';
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`object s3://${bucket}/${key} does not exist: check the bucket and key (it may have been moved or deleted)`);
  }
}

export class InvalidKeyError extends Error {
  override readonly name = 'InvalidKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid object key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** Keys are relative, `/`-separated paths without empty, `.` or `..` segments. */
export function checkKey(key: string): void {
  if (key === '') throw new InvalidKeyError(key, 'it is empty');
  if (key.startsWith('/')) throw new InvalidKeyError(key, 'it starts with "/"; use a relative key such as "a/b.csv"');
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidKeyError(key, 'it has an empty, "." or ".." segment');
    }
  }
}

/** Reads a store object as JSON, or `undefined` when it does not exist. */
export async function getJson<T>(store: ObjectStore, bucket: string, key: string): Promise<T | undefined> {
  let body: Buffer;
  try {
    body = await store.get(bucket, key);
  } catch (e) {
    if (e instanceof NoSuchObjectError) return undefined;
    throw e;
  }
  return JSON.parse(body.toString('utf8')) as T;
}
