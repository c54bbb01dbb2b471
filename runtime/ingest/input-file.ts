// Turns a partner object into a plain UTF-8 (or Parquet) file on local disk, because DuckDB reads
// local files: gunzip and ISO-8859-1 -> UTF-8 happen while streaming, so memory stays flat. Also
// checks that the bytes are what the Source's format says, with a message that names the fix.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { SourceFormat } from '../../specs/model';

/** The file is not what its Source declares, or cannot be decoded. Fails the whole file. */
export class InputFileError extends Error {
  override readonly name = 'InputFileError';
}

export interface PreparedInput {
  readonly path: string;
  /** Bytes after decompression and transcoding. */
  readonly bytes: number;
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const PARQUET_MAGIC = Buffer.from('PAR1');

/** ISO-8859-1 bytes are the first 256 code points: decode per chunk, no state needed. */
function latin1ToUtf8(): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(chunk.toString('latin1'), 'utf8'));
    },
  });
}

/**
 * A local file DuckDB can read as `format` says. `localPath` (an object of the local store, or a
 * file given on the command line) is used in place when no decoding is needed.
 */
export async function prepareInput(opts: {
  readonly format: SourceFormat;
  readonly open: () => Promise<Readable>;
  readonly localPath?: string;
  readonly workDir: string;
}): Promise<PreparedInput> {
  const { format } = opts;
  const gzip = format.compression === 'gzip';
  const transcode = format.type !== 'parquet' && format.encoding === 'iso-8859-1';
  let target: string;
  if (opts.localPath && !gzip && !transcode) {
    target = opts.localPath;
  } else {
    target = path.join(opts.workDir, `input.${format.type}`);
    const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream)[] = [await opts.open()];
    if (gzip) stages.push(createGunzip());
    if (transcode) stages.push(latin1ToUtf8());
    stages.push(fs.createWriteStream(target));
    try {
      await pipeline(stages);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (gzip && (err.code === 'Z_DATA_ERROR' || /incorrect header check/.test(err.message))) {
        throw new InputFileError(`the file is not gzip-compressed (${err.message}), but format.compression is gzip: set compression: none, or send a .gz file`);
      }
      if (gzip && (err.code === 'Z_BUF_ERROR' || /unexpected end of file/.test(err.message))) {
        throw new InputFileError(`the gzip stream is truncated (${err.message}): the file was cut off in transfer; send it again`);
      }
      throw e;
    }
  }
  const bytes = (await fs.promises.stat(target)).size;
  await checkLooksLike(target, format);
  return { path: target, bytes };
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function preview(bytes: Buffer): string {
  return JSON.stringify(bytes.subarray(0, 16).toString('latin1'));
}

async function checkLooksLike(file: string, format: SourceFormat): Promise<void> {
  const head = await firstBytes(file, 4096);
  const starts = (magic: Buffer) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic);
  if (starts(GZIP_MAGIC)) {
    throw new InputFileError(`the file is gzip-compressed, but format.compression is ${format.compression ?? 'none'}: set compression: gzip`);
  }
  if (format.type === 'parquet') {
    if (head.length === 0) throw new InputFileError('the file is empty, but format.type is parquet: a Parquet file has at least a footer');
    if (!starts(PARQUET_MAGIC)) {
      throw new InputFileError(`the file is not Parquet (it does not start with "PAR1"; it starts with ${preview(head)}): check format.type (csv or json?)`);
    }
    return;
  }
  if (starts(PARQUET_MAGIC)) throw new InputFileError(`the file is Parquet (it starts with "PAR1"), but format.type is ${format.type}: set type: parquet`);
  if (format.type === 'json') {
    const text = head.toString('utf8').replace(/^\ufeff/, '');
    const first = text.trimStart()[0];
    if (first !== undefined && first !== '{') {
      throw new InputFileError(`the file is not JSON lines (one object per line): it starts with ${preview(head)}; check format.type (csv?)`);
    }
  }
}
