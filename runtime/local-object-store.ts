// The object store of `runtime: local`: bucket B is the folder <localRoot>/B, key a/b.csv the file
// <localRoot>/B/a/b.csv. Writes go to a temp file under <localRoot>/.tmp and are renamed into
// place, so a reader sees the old object or the whole new one, never a partial file. The ETag
// (MD5 of the content, as S3 gives for a single PUT) is computed while writing and kept in
// <localRoot>/.meta/<bucket>/<key>.json; files placed by hand are hashed once when first seen.

import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, NoSuchObjectError, ObjectInfo, ObjectStore, PutOptions } from './object-store';

const TEMP_DIR = '.tmp';
const META_DIR = '.meta';

interface EtagRecord {
  readonly size: number;
  readonly mtimeMs: number;
  readonly etag: string;
}

export class LocalObjectStore implements ObjectStore {
  /** MD5 of files by path, valid while size and mtime are unchanged. */
  private readonly etags = new Map<string, EtagRecord>();

  constructor(readonly localRoot: string) {}

  /** The file that holds an object (it may not exist). */
  pathOf(bucket: string, key: string): string {
    checkKey(bucket);
    if (bucket.includes('/') || bucket.startsWith('.')) throw new Error(`invalid bucket name ${JSON.stringify(bucket)}: no "/" and no leading "."`);
    checkKey(key);
    return path.join(this.localRoot, bucket, ...key.split('/'));
  }

  async get(bucket: string, key: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(this.pathOf(bucket, key));
    } catch (e) {
      throw this.translate(e, bucket, key);
    }
  }

  async getStream(bucket: string, key: string): Promise<Readable> {
    const file = this.pathOf(bucket, key);
    // Open first so that a missing object fails here, not on the first read.
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (e) {
      throw this.translate(e, bucket, key);
    }
    return handle.createReadStream();
  }

  async put(bucket: string, key: string, body: Buffer | string, options?: PutOptions): Promise<ObjectInfo> {
    return this.putStream(bucket, key, Readable.from([typeof body === 'string' ? Buffer.from(body, 'utf8') : body]), options);
  }

  async putStream(bucket: string, key: string, body: Readable, _options?: PutOptions): Promise<ObjectInfo> {
    const target = this.pathOf(bucket, key);
    const tempDir = path.join(this.localRoot, TEMP_DIR);
    await fs.promises.mkdir(tempDir, { recursive: true });
    const temp = path.join(tempDir, `${randomBytes(8).toString('hex')}.part`);
    const md5 = createHash('md5');
    try {
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, done) {
          md5.update(chunk);
          done(null, chunk);
        },
      });
      await pipeline(body, hashing, fs.createWriteStream(temp));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(temp, target);
    } catch (e) {
      await fs.promises.rm(temp, { force: true });
      throw e;
    }
    const stat = await fs.promises.stat(target);
    const record: EtagRecord = { size: stat.size, mtimeMs: stat.mtimeMs, etag: md5.digest('hex') };
    this.etags.set(target, record);
    await this.writeMeta(bucket, key, record);
    return { bucket, key, size: stat.size, etag: record.etag, lastModified: stat.mtime };
  }

  /** Moves the file into place when it is on the same file system (else copies); no hashing now. */
  async putFile(bucket: string, key: string, file: string, _options?: PutOptions): Promise<void> {
    const target = this.pathOf(bucket, key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rm(this.metaPath(bucket, key), { force: true });
    this.etags.delete(target);
    try {
      await fs.promises.rename(file, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      const tempDir = path.join(this.localRoot, TEMP_DIR);
      await fs.promises.mkdir(tempDir, { recursive: true });
      const temp = path.join(tempDir, `${randomBytes(8).toString('hex')}.part`);
      try {
        await fs.promises.copyFile(file, temp);
        await fs.promises.rename(temp, target);
      } catch (err) {
        await fs.promises.rm(temp, { force: true });
        throw err;
      }
    }
  }

  async list(bucket: string, prefix: string): Promise<ObjectInfo[]> {
    const root = path.join(this.localRoot, bucket);
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw e;
      }
      for (const entry of entries) {
        const key = keyPrefix + entry.name;
        // Only descend into folders that can hold keys with the prefix.
        if (entry.isDirectory() && (prefix.startsWith(key + '/') || (key + '/').startsWith(prefix))) await walk(path.join(dir, entry.name), key + '/');
        else if (entry.isFile() && key.startsWith(prefix)) keys.push(key);
      }
    };
    this.pathOf(bucket, 'x'); // validates the bucket name
    await walk(root, '');
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: ObjectInfo[] = [];
    for (const key of keys) {
      const info = await this.head(bucket, key);
      if (info) out.push(info);
    }
    return out;
  }

  async head(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const file = this.pathOf(bucket, key);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw e;
    }
    if (!stat.isFile()) return undefined;
    return { bucket, key, size: stat.size, etag: await this.etagOf(bucket, key, file, stat), lastModified: stat.mtime };
  }

  async delete(bucket: string, key: string): Promise<void> {
    const file = this.pathOf(bucket, key);
    await fs.promises.rm(file, { force: true });
    await fs.promises.rm(this.metaPath(bucket, key), { force: true });
    this.etags.delete(file);
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    return (await this.head(bucket, key)) !== undefined;
  }

  private metaPath(bucket: string, key: string): string {
    return path.join(this.localRoot, META_DIR, bucket, ...key.split('/')) + '.json';
  }

  private async writeMeta(bucket: string, key: string, record: EtagRecord): Promise<void> {
    const file = this.metaPath(bucket, key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, JSON.stringify(record));
  }

  private async etagOf(bucket: string, key: string, file: string, stat: fs.Stats): Promise<string> {
    const fresh = (r: EtagRecord | undefined) => r !== undefined && r.size === stat.size && r.mtimeMs === stat.mtimeMs;
    const known = this.etags.get(file);
    if (fresh(known)) return known!.etag;
    let stored: EtagRecord | undefined;
    try {
      stored = JSON.parse(await fs.promises.readFile(this.metaPath(bucket, key), 'utf8')) as EtagRecord;
    } catch {
      stored = undefined;
    }
    if (fresh(stored)) {
      this.etags.set(file, stored!);
      return stored!.etag;
    }
    const md5 = createHash('md5');
    await pipeline(fs.createReadStream(file), md5);
    const record: EtagRecord = { size: stat.size, mtimeMs: stat.mtimeMs, etag: md5.digest('hex') };
    this.etags.set(file, record);
    await this.writeMeta(bucket, key, record);
    return record.etag;
  }

  private translate(e: unknown, bucket: string, key: string): unknown {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? new NoSuchObjectError(bucket, key) : e;
  }
}
