// One contract, two backends: the local folder store and S3 (s3rver).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { LocalObjectStore } from '../../runtime/local-object-store';
import { getJson, InvalidKeyError, NoSuchObjectError, ObjectStore } from '../../runtime/object-store';
import { S3ObjectStore } from '../../runtime/s3-object-store';
import { LocalS3, startS3rver } from '../support/s3rver';

const BUCKET = 'contract-bucket';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function contract(name: string, open: () => Promise<{ store: ObjectStore; close(): Promise<void> }>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await open()));
    afterAll(async () => close());

    it('puts and gets a buffer, with size and etag', async () => {
      const info = await store.put(BUCKET, 'a/b/one.txt', 'hello');
      expect(info).toMatchObject({ bucket: BUCKET, key: 'a/b/one.txt', size: 5 });
      expect(info.etag).toBe('5d41402abc4b2a76b9719d911017c592'); // MD5 of "hello", as S3 gives for a single PUT
      expect((await store.get(BUCKET, 'a/b/one.txt')).toString()).toBe('hello');
    });

    it('overwrites an object', async () => {
      await store.put(BUCKET, 'over.txt', 'first');
      await store.put(BUCKET, 'over.txt', 'second');
      expect((await store.get(BUCKET, 'over.txt')).toString()).toBe('second');
    });

    it('streams a large object in and out unchanged (multipart on S3)', async () => {
      const bytes = Buffer.alloc(20 * 1024 * 1024 + 123);
      for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
      const source = Readable.from((function* () {
        for (let i = 0; i < bytes.length; i += 1_000_000) yield bytes.subarray(i, i + 1_000_000);
      })());
      const info = await store.putStream(BUCKET, 'big/blob.bin', source);
      expect(info.size).toBe(bytes.length);
      const back = await readAll(await store.getStream(BUCKET, 'big/blob.bin'));
      expect(back.equals(bytes)).toBe(true);
    });

    it('stores a local file', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'put-file-')), 'data.bin');
      fs.writeFileSync(file, 'file body');
      await store.putFile(BUCKET, 'files/data.bin', file);
      expect((await store.get(BUCKET, 'files/data.bin')).toString()).toBe('file body');
      expect((await store.head(BUCKET, 'files/data.bin'))?.etag).toBe(createHash('md5').update('file body').digest('hex'));
    });

    it('stores an empty stream as an empty object', async () => {
      const info = await store.putStream(BUCKET, 'empty.bin', Readable.from([]));
      expect(info.size).toBe(0);
      expect((await store.get(BUCKET, 'empty.bin')).length).toBe(0);
    });

    it('lists by prefix, sorted, including nested keys', async () => {
      await store.put(BUCKET, 'list/b.txt', 'b');
      await store.put(BUCKET, 'list/a.txt', 'a');
      await store.put(BUCKET, 'list/sub/c.txt', 'c');
      await store.put(BUCKET, 'listing-other.txt', 'x');
      expect((await store.list(BUCKET, 'list/')).map((o) => o.key)).toEqual(['list/a.txt', 'list/b.txt', 'list/sub/c.txt']);
      expect((await store.list(BUCKET, 'list')).map((o) => o.key)).toEqual(['list/a.txt', 'list/b.txt', 'list/sub/c.txt', 'listing-other.txt']);
      expect(await store.list(BUCKET, 'nothing-here/')).toEqual([]);
    });

    it('heads, checks existence and deletes', async () => {
      await store.put(BUCKET, 'del/x.json', '{"a":1}');
      expect(await store.exists(BUCKET, 'del/x.json')).toBe(true);
      expect((await store.head(BUCKET, 'del/x.json'))?.size).toBe(7);
      expect(await getJson(store, BUCKET, 'del/x.json')).toEqual({ a: 1 });
      await store.delete(BUCKET, 'del/x.json');
      expect(await store.exists(BUCKET, 'del/x.json')).toBe(false);
      expect(await store.head(BUCKET, 'del/x.json')).toBeUndefined();
      expect(await getJson(store, BUCKET, 'del/x.json')).toBeUndefined();
      await expect(store.delete(BUCKET, 'del/x.json')).resolves.toBeUndefined();
    });

    it('names the missing object on get and getStream', async () => {
      await expect(store.get(BUCKET, 'missing/file.csv')).rejects.toThrow(NoSuchObjectError);
      await expect(store.getStream(BUCKET, 'missing/file.csv')).rejects.toThrow(`s3://${BUCKET}/missing/file.csv does not exist`);
    });

    it('refuses keys that escape or are empty', async () => {
      await expect(store.put(BUCKET, '../escape.txt', 'x')).rejects.toThrow(InvalidKeyError);
      await expect(store.put(BUCKET, '', 'x')).rejects.toThrow(InvalidKeyError);
    });
  });
}

contract('local folder', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-store-'));
  return { store: new LocalObjectStore(root), close: async () => fs.rmSync(root, { recursive: true, force: true }) };
});

contract('S3 (s3rver)', async () => {
  const s3: LocalS3 = await startS3rver([BUCKET]);
  return { store: new S3ObjectStore(s3.client), close: () => s3.stop() };
});

describe('LocalObjectStore specifics', () => {
  it('leaves no temp file behind and never exposes a partial object when the stream fails', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-store-'));
    const store = new LocalObjectStore(root);
    await store.put('b', 'k.txt', 'old');
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('network went away'));
      },
    });
    await expect(store.putStream('b', 'k.txt', failing)).rejects.toThrow('network went away');
    expect((await store.get('b', 'k.txt')).toString()).toBe('old');
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('hashes a file placed by hand once, and sees when it changes', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-store-'));
    fs.mkdirSync(path.join(root, 'b'));
    fs.writeFileSync(path.join(root, 'b', 'f.txt'), 'hello');
    expect((await new LocalObjectStore(root).head('b', 'f.txt'))?.etag).toBe('5d41402abc4b2a76b9719d911017c592');
    // Another process (a new store) reads the stored ETag; a changed file is hashed again.
    fs.writeFileSync(path.join(root, 'b', 'f.txt'), 'hello!');
    fs.utimesSync(path.join(root, 'b', 'f.txt'), new Date(), new Date(Date.now() + 5000));
    expect((await new LocalObjectStore(root).head('b', 'f.txt'))?.etag).toBe(createHash('md5').update('hello!').digest('hex'));
    expect((await new LocalObjectStore(root).list('b', '')).map((o) => o.key)).toEqual(['f.txt']);
  });

  it('maps bucket and key to a folder below localRoot', () => {
    const store = new LocalObjectStore('/data/root');
    expect(store.pathOf('landing', 'sources/acme/f.csv')).toBe('/data/root/landing/sources/acme/f.csv');
  });
});
