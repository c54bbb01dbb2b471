// Landing a file from an SFTP folder (a real server, or a local stand-in folder) exactly once:
// a marker in the lake records name, size and mtime of what was landed; the same file again is
// skipped, a changed file (new size or mtime) is landed again.

import type { Readable } from 'node:stream';
import { sftpLandedMarkerKey } from './layout';
import type { RuntimeManifest } from './manifest';
import { getJson, ObjectStore } from './object-store';

export interface RemoteFile {
  readonly name: string;
  readonly size: number;
  /** ISO 8601. */
  readonly mtime: string;
}

interface LandedMarker extends RemoteFile {
  readonly key: string;
}

/** Lands `file` under the source's landing prefix unless it already was; `open` is called only to land. */
export async function landIfNew(
  store: ObjectStore,
  manifest: RuntimeManifest,
  source: string,
  file: RemoteFile,
  open: () => Promise<Readable>,
): Promise<{ readonly status: 'landed' | 'skipped'; readonly key: string }> {
  const { lake, landing } = manifest.buckets;
  const markerKey = sftpLandedMarkerKey(source, file.name);
  const marker = await getJson<LandedMarker>(store, lake, markerKey);
  if (marker && marker.size === file.size && marker.mtime === file.mtime) return { status: 'skipped', key: marker.key };
  const key = `${manifest.sources[source].landingPrefix}${file.name}`;
  await store.putStream(landing, key, await open());
  await store.put(lake, markerKey, JSON.stringify({ ...file, key } satisfies LandedMarker), { contentType: 'application/json' });
  return { status: 'landed', key };
}
