// A batch id is a function of the delivered object, so the same delivery always lands in the
// same batch: a retried event or a re-run overwrites its own output instead of adding a copy.

import { createHash } from 'node:crypto';
import type { ObjectInfo } from '../object-store';

/**
 * 24 hex characters from (bucket, key, content identity). The ETag comes first: a partner that
 * uploads the same bytes again to a versioned bucket gets a new version id but the same ETag,
 * and the same batch. The version id is used when a store gives no ETag.
 */
export function batchIdOf(object: Pick<ObjectInfo, 'bucket' | 'key' | 'etag' | 'versionId'>): string {
  const identity = object.etag || object.versionId || '';
  return createHash('sha256').update(JSON.stringify([object.bucket, object.key, identity])).digest('hex').slice(0, 24);
}

/** SQL for a record's position within its batch, from `_id` (`<batchId>-<n>`). */
export function recordPositionSql(idColumn = '"_id"'): string {
  return `CAST(split_part(${idColumn}, '-', 2) AS BIGINT)`;
}
