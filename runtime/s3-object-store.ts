// The object store on AWS: S3 through the AWS SDK v3. Streams of unknown length are uploaded in
// 8 MiB parts (multipart upload), so memory stays flat for any object size.

import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { checkKey, NoSuchObjectError, ObjectInfo, ObjectStore, PutOptions } from './object-store';

const PART_SIZE = 8 * 1024 * 1024;

/**
 * An S3 client as the runtime needs it. Checksums only when an API requires them: with the SDK's
 * default (always), streamed uploads to S3-compatible servers are silently corrupted.
 */
export function createS3Client(config: S3ClientConfig = {}): S3Client {
  return new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED', ...config });
}

export class S3ObjectStore implements ObjectStore {
  constructor(readonly client: S3Client) {}

  async get(bucket: string, key: string): Promise<Buffer> {
    const body = await this.getStream(bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getStream(bucket: string, key: string): Promise<Readable> {
    checkKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body as Readable;
    } catch (e) {
      throw translate(e, bucket, key);
    }
  }

  async put(bucket: string, key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo> {
    checkKey(key);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    await this.client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentLength: bytes.length, ContentType: options?.contentType ?? 'application/octet-stream' }),
    );
    return this.headOrFail(bucket, key);
  }

  async putStream(bucket: string, key: string, body: Readable, options?: PutOptions): Promise<ObjectInfo> {
    checkKey(key);
    const contentType = options?.contentType ?? 'application/octet-stream';
    const parts = chunksOf(body, PART_SIZE);
    const first = await parts.next();
    const second = first.done ? first : await parts.next();
    if (second.done) {
      // Fits in one part: a plain PUT.
      return this.put(bucket, key, first.done ? Buffer.alloc(0) : first.value, options);
    }
    const { UploadId } = await this.client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: contentType }));
    const done: { ETag: string; PartNumber: number }[] = [];
    try {
      const upload = async (bytes: Buffer): Promise<void> => {
        const PartNumber = done.length + 1;
        const out = await this.client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber, Body: bytes, ContentLength: bytes.length }));
        done.push({ ETag: out.ETag ?? '', PartNumber });
      };
      await upload(first.value as Buffer);
      await upload(second.value);
      for (let next = await parts.next(); !next.done; next = await parts.next()) await upload(next.value);
      await this.client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: done } }));
    } catch (e) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => undefined);
      throw e;
    }
    return this.headOrFail(bucket, key);
  }

  async putFile(bucket: string, key: string, file: string, options?: PutOptions): Promise<void> {
    await this.putStream(bucket, key, fs.createReadStream(file), options);
  }

  async list(bucket: string, prefix: string): Promise<ObjectInfo[]> {
    const out: ObjectInfo[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
      for (const o of page.Contents ?? []) {
        out.push({ bucket, key: o.Key ?? '', size: o.Size ?? 0, etag: unquote(o.ETag), lastModified: o.LastModified ?? new Date(0) });
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    checkKey(key);
    try {
      const o = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { bucket, key, size: o.ContentLength ?? 0, etag: unquote(o.ETag), versionId: o.VersionId ?? undefined, lastModified: o.LastModified ?? new Date(0) };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async delete(bucket: string, key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    return (await this.head(bucket, key)) !== undefined;
  }

  private async headOrFail(bucket: string, key: string): Promise<ObjectInfo> {
    const info = await this.head(bucket, key);
    if (!info) throw new NoSuchObjectError(bucket, key);
    return info;
  }
}

function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}

function translate(e: unknown, bucket: string, key: string): unknown {
  return (e as { name?: string }).name === 'NoSuchKey' || isNotFound(e) ? new NoSuchObjectError(bucket, key) : e;
}

/** Re-chunks a stream into buffers of exactly `size` bytes (the last one may be shorter). */
async function* chunksOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    while (length + buf.length >= size) {
      const take = size - length;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      length = 0;
      buf = buf.subarray(take);
    }
    if (buf.length > 0) {
      pending.push(buf);
      length += buf.length;
    }
  }
  if (length > 0 || pending.length > 0) yield Buffer.concat(pending);
}
