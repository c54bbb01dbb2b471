// Poll one SFTP source: fetch its credentials by secret name, connect only to a host whose key
// matches hostKeyFingerprint, list `path`, copy each file not landed yet to the source's landing
// prefix, and hand it to ingestion. One file's failure (vanished, unreadable, ingestion error)
// never changes another file's outcome; a source-level failure (secret, host key, connection)
// is reported for the source.

import type { FileEntry, SFTPWrapper } from 'ssh2';
import type { IngestResult } from './ingest/ingest-object';
import { connectSftp, SftpSession } from './sftp-client';
import { landIfNew } from './sftp-landing';
import type { RuntimeManifest } from './manifest';
import type { ObjectStore } from './object-store';
import { SecretStore, sftpCredentials } from './secret-store';

export interface SftpPollOptions {
  readonly store: ObjectStore;
  readonly manifest: RuntimeManifest;
  readonly source: string;
  readonly secrets: SecretStore;
  /** Called for each newly landed object (e.g. ingestObject). Left out, files are only landed. */
  readonly ingest?: (object: { bucket: string; key: string }) => Promise<IngestResult>;
  /** @default 20000 */
  readonly timeoutMs?: number;
}

export interface SftpFileOutcome {
  readonly name: string;
  readonly size: number;
  /** Remote modification time (ISO 8601). */
  readonly mtime: string;
  /** `skipped`: a file with this name, size and mtime was landed before. */
  readonly status: 'landed' | 'skipped' | 'failed';
  readonly landed?: { readonly bucket: string; readonly key: string };
  readonly ingest?: IngestResult;
  readonly error?: string;
}

export interface SftpPollResult {
  readonly source: string;
  readonly files: SftpFileOutcome[];
  /** Set when the source as a whole failed (nothing was listed). */
  readonly error?: string;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

export async function pollSftpSource(opts: SftpPollOptions): Promise<SftpPollResult> {
  const source = opts.manifest.sources[opts.source];
  if (!source) return { source: opts.source, files: [], error: `no Source named ${opts.source}` };
  const loc = source.sftp;
  if (source.type !== 'sftp' || !loc) return { source: opts.source, files: [], error: `source ${opts.source} is not an sftp source (type ${source.type})` };

  let session: SftpSession | undefined;
  try {
    const credentials = sftpCredentials(loc.auth.type, loc.auth.secretName, await opts.secrets.get(loc.auth.secretName));
    session = await connectSftp({ ...loc, ...credentials, readyTimeoutMs: opts.timeoutMs ?? 20_000 });
    const sftp = session.sftp;
    const entries = (await readdir(sftp, loc.path)).filter((e) => (e.attrs.mode & S_IFMT) === S_IFREG && !e.filename.startsWith('.'));
    entries.sort((a, b) => (a.filename < b.filename ? -1 : 1));
    const files: SftpFileOutcome[] = [];
    for (const entry of entries) files.push(await pollFile(opts, sftp, `${loc.path.replace(/\/+$/, '')}/${entry.filename}`, entry));
    return { source: opts.source, files };
  } catch (e) {
    return { source: opts.source, files: [], error: (e as Error).message };
  } finally {
    session?.close();
  }
}

async function pollFile(opts: SftpPollOptions, sftp: SFTPWrapper, remote: string, entry: FileEntry): Promise<SftpFileOutcome> {
  const { landing } = opts.manifest.buckets;
  const name = entry.filename;
  const size = entry.attrs.size;
  const mtime = new Date(entry.attrs.mtime * 1000).toISOString();
  const base = { name, size, mtime };
  try {
    let r: Awaited<ReturnType<typeof landIfNew>>;
    try {
      r = await landIfNew(opts.store, opts.manifest, opts.source, base, async () => {
        // Open first: an open error (the file vanished) then fails here, before any stream exists.
        const handle = await new Promise<Buffer>((resolve, reject) => sftp.open(remote, 'r', (err, h) => (err ? reject(err) : resolve(h))));
        return sftp.createReadStream(remote, { handle, autoClose: true });
      });
    } catch (e) {
      const err = e as { code?: number | string; message: string };
      if (err.code === 2 || /no such file/i.test(err.message)) throw new Error(`${remote} vanished between listing and download; it will be picked up if it reappears`);
      throw new Error(`cannot download ${remote}: ${err.message}`);
    }
    if (r.status === 'skipped') return { ...base, status: 'skipped', landed: { bucket: landing, key: r.key } };
    const key = r.key;
    const landed = { bucket: landing, key };
    if (!opts.ingest) return { ...base, status: 'landed', landed };
    try {
      return { ...base, status: 'landed', landed, ingest: await opts.ingest(landed) };
    } catch (e) {
      return { ...base, status: 'failed', landed, error: `landed, but ingestion failed: ${(e as Error).message}` };
    }
  } catch (e) {
    return { ...base, status: 'failed', error: (e as Error).message };
  }
}

function readdir(sftp: SFTPWrapper, dir: string): Promise<FileEntry[]> {
  return new Promise((resolve, reject) => sftp.readdir(dir, (err, list) => (err ? reject(new Error(`cannot list ${dir}: ${err.message}`)) : resolve(list))));
}
