import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { writeZip } from '../../constructs/private/zip';

/** Reads a zip through its central directory, as unzip does. */
function readZip(file: string): Record<string, string> {
  const buf = readFileSync(file);
  const end = buf.length - 22;
  expect(buf.readUInt32LE(end)).toBe(0x06054b50);
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const body = buf.subarray(dataStart, dataStart + size);
    out[name] = (method === 8 ? inflateRawSync(body) : body).toString('utf8');
    p += 46 + nameLen;
  }
  return out;
}

describe('writeZip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));

  test('writes a readable archive with entries in name order', () => {
    const file = join(dir, 'a.zip');
    const sizes = writeZip(file, [
      { name: 'nodejs/b.js', data: Buffer.from('b'.repeat(1000)) },
      { name: 'index.js', data: Buffer.from('exports.handler = 1;') },
    ]);
    expect(readZip(file)).toEqual({ 'index.js': 'exports.handler = 1;', 'nodejs/b.js': 'b'.repeat(1000) });
    expect(Object.keys(readZip(file))).toEqual(['index.js', 'nodejs/b.js']);
    expect(sizes.unzippedBytes).toBe(1020);
    expect(sizes.zippedBytes).toBe(readFileSync(file).length);
  });

  test('gives the same bytes for the same files in any order, at any time', () => {
    const entries = [
      { name: 'x.txt', data: Buffer.from('x') },
      { name: 'y.txt', data: Buffer.from('y'.repeat(50)) },
    ];
    writeZip(join(dir, '1.zip'), entries);
    writeZip(join(dir, '2.zip'), [...entries].reverse());
    expect(readFileSync(join(dir, '1.zip')).equals(readFileSync(join(dir, '2.zip')))).toBe(true);
  });
});
