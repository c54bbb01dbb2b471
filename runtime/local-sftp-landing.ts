// `runtime: local` stands in for SFTP servers with folders: files a partner would put on the
// server are dropped in <localRoot>/sftp/<source>, and a "poll" copies each file not landed yet
// (same name, size and mtime) to the source's landing prefix, exactly like the real poll.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { localSftpFolder, sftpLandedMarkerKey } from './layout';
import type { LocalObjectStore } from './local-object-store';
import type { RuntimeManifest } from './manifest';
import { getJson } from './object-store';

export interface LocalLanding {
  readonly name: string;
  readonly status: 'landed' | 'skipped' | 'failed';
  readonly key?: string;
  readonly error?: string;
}

export async function landLocalSftpFolder(store: LocalObjectStore, manifest: RuntimeManifest, source: string): Promise<LocalLanding[]> {
  const folder = path.join(store.localRoot, ...localSftpFolder(source).split('/'));
  if (!fs.existsSync(folder)) return [];
  const { landing, lake } = manifest.buckets;
  const names = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  const out: LocalLanding[] = [];
  for (const name of names) {
    try {
      const stat = fs.statSync(path.join(folder, name));
      const mtime = stat.mtime.toISOString();
      const markerKey = sftpLandedMarkerKey(source, name);
      const marker = await getJson<{ size: number; mtime: string; key: string }>(store, lake, markerKey);
      if (marker && marker.size === stat.size && marker.mtime === mtime) {
        out.push({ name, status: 'skipped', key: marker.key });
        continue;
      }
      const key = `${manifest.sources[source].landingPrefix}${name}`;
      await store.putStream(landing, key, fs.createReadStream(path.join(folder, name)));
      await store.put(lake, markerKey, JSON.stringify({ name, size: stat.size, mtime, key }));
      out.push({ name, status: 'landed', key });
    } catch (e) {
      out.push({ name, status: 'failed', error: (e as Error).message });
    }
  }
  return out;
}
