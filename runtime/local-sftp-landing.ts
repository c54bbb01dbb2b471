// `runtime: local` stands in for SFTP servers with folders: files a partner would put on the
// server are dropped in <localRoot>/sftp/<source>, and a "poll" copies each file not landed yet
// (same name, size and mtime) to the source's landing prefix, exactly like the real poll.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { localSftpFolder } from './layout';
import type { LocalObjectStore } from './local-object-store';
import type { RuntimeManifest } from './manifest';
import { landIfNew } from './sftp-landing';

export interface LocalLanding {
  readonly name: string;
  readonly status: 'landed' | 'skipped' | 'failed';
  readonly key?: string;
  readonly error?: string;
}

export async function landLocalSftpFolder(store: LocalObjectStore, manifest: RuntimeManifest, source: string): Promise<LocalLanding[]> {
  const folder = path.join(store.localRoot, ...localSftpFolder(source).split('/'));
  if (!fs.existsSync(folder)) return [];
  const names = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const out: LocalLanding[] = [];
  for (const name of names) {
    try {
      const stat = fs.statSync(path.join(folder, name));
      const r = await landIfNew(store, manifest, source, { name, size: stat.size, mtime: stat.mtime.toISOString() }, async () => fs.createReadStream(path.join(folder, name)));
      out.push({ name, status: r.status, key: r.key });
    } catch (e) {
      out.push({ name, status: 'failed', error: (e as Error).message });
    }
  }
  return out;
}
