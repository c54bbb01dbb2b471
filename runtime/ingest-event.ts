// What the ingest function is asked to do, parsed at the edge: ingest one landed object (from
// the landing rule's {source, bucket, key}, or a raw EventBridge "Object Created" S3 event), or
// sweep a source's external bucket ({source} alone, from its schedule).

import type { RuntimeManifest } from './manifest';
import { BadEventError } from './bad-event';

export { BadEventError };

export type IngestRequest =
  | { readonly kind: 'object'; readonly source: string; readonly bucket: string; readonly key: string }
  | { readonly kind: 'sweep'; readonly source: string };

/** S3 event keys are URL-encoded with spaces as `+`. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new BadEventError(`object key ${JSON.stringify(key)} is not URL-encoded as S3 events encode keys (a lone "%"?)`);
  }
}

/** The source whose landing prefix (or external bucket and prefix) holds the object. */
export function sourceOfObject(manifest: RuntimeManifest, bucket: string, key: string): string | undefined {
  const matches = Object.entries(manifest.sources).filter(([, s]) =>
    s.s3?.bucket !== undefined ? s.s3.bucket === bucket && key.startsWith(s.s3.prefix ?? '') : bucket === manifest.buckets.landing && key.startsWith(s.landingPrefix),
  );
  // The longest prefix wins when prefixes nest.
  matches.sort(([, a], [, b]) => (b.s3?.prefix ?? b.landingPrefix).length - (a.s3?.prefix ?? a.landingPrefix).length);
  return matches[0]?.[0];
}

export function parseIngestEvent(event: unknown, manifest: RuntimeManifest): IngestRequest {
  const e = event as Record<string, unknown> | null;
  if (typeof e !== 'object' || e === null) throw new BadEventError(`ingest expects an object event, got ${JSON.stringify(event)}`);
  if (e['detail-type'] === 'Object Created' && e.source === 'aws.s3') {
    const detail = e.detail as { bucket?: { name?: unknown }; object?: { key?: unknown } } | undefined;
    const bucket = detail?.bucket?.name;
    const rawKey = detail?.object?.key;
    if (typeof bucket !== 'string' || typeof rawKey !== 'string') throw new BadEventError(`"Object Created" event without detail.bucket.name and detail.object.key: ${JSON.stringify(event)}`);
    const key = decodeKey(rawKey);
    const source = sourceOfObject(manifest, bucket, key);
    if (!source) throw new BadEventError(`s3://${bucket}/${key} is under no source's landing prefix; sources: ${Object.keys(manifest.sources).join(', ') || '(none)'}`);
    return { kind: 'object', source, bucket, key };
  }
  if (typeof e.source !== 'string') throw new BadEventError(`ingest expects {"source", "bucket", "key"}, {"source"} or an S3 "Object Created" event, got ${JSON.stringify(event)}`);
  if (e.bucket === undefined && e.key === undefined) return { kind: 'sweep', source: e.source };
  if (typeof e.bucket !== 'string' || typeof e.key !== 'string') throw new BadEventError(`ingest expects "bucket" and "key" as strings, got ${JSON.stringify(event)}`);
  return { kind: 'object', source: e.source, bucket: e.bucket, key: decodeKey(e.key) };
}
