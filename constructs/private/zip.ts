// A minimal, deterministic zip writer for Lambda code and layers: entries sorted by name, fixed
// timestamps (1980-01-01) and modes, so the same files always give the same bytes and the same
// source_code_hash, whichever machine synthesizes.

import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  /** The content, or the file to read it from. */
  readonly data: Buffer | { readonly file: string };
}

export interface ZipResult {
  readonly zippedBytes: number;
  readonly unzippedBytes: number;
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const FILE_MODE = 0o100644;
const ZIP32_LIMIT = 0xffffffff;

/** Writes `entries` to `outFile` (through a temporary file and a rename, so readers never see half a zip). */
export function writeZip(outFile: string, entries: readonly ZipEntry[]): ZipResult {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const tmp = `${outFile}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  let unzipped = 0;
  const write = (b: Buffer) => {
    writeSync(fd, b);
    offset += b.length;
  };
  try {
    for (const entry of sorted) {
      const data = Buffer.isBuffer(entry.data) ? entry.data : readFileSync(entry.data.file);
      const deflated = deflateRawSync(data, { level: 6 });
      const stored = deflated.length >= data.length;
      const body = stored ? data : deflated;
      const crc = crc32(data);
      const name = Buffer.from(entry.name, 'utf8');
      if (data.length > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error(`zip entry ${entry.name} is too large for a 32-bit zip`);
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(stored ? 0 : 8, 8);
      local.writeUInt16LE(0, 10);
      local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(data.length, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE((3 << 8) | 20, 4); // made by: unix
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(stored ? 0 : 8, 10);
      header.writeUInt16LE(0, 12);
      header.writeUInt16LE(DOS_DATE_1980_01_01, 14);
      header.writeUInt32LE(crc, 16);
      header.writeUInt32LE(body.length, 20);
      header.writeUInt32LE(data.length, 24);
      header.writeUInt16LE(name.length, 28);
      header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
      header.writeUInt32LE(offset, 42);
      central.push(header, name);
      write(local);
      write(name);
      write(body);
      unzipped += data.length;
    }
    const cdOffset = offset;
    for (const b of central) write(b);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(sorted.length, 8);
    end.writeUInt16LE(sorted.length, 10);
    end.writeUInt32LE(offset - cdOffset, 12);
    end.writeUInt32LE(cdOffset, 16);
    write(end);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, outFile);
  return { zippedBytes: offset, unzippedBytes: unzipped };
}
