// ClientRequestToken of a statement: the same statement in the same run always gets the same
// token, so a retried function (or an SDK retry) does not start it twice: Athena answers a
// repeated token with the query it already started.

import { createHash } from 'node:crypto';

/** 64 hex characters (Athena accepts 32 to 128). */
export function athenaRequestToken(sql: string, runId: string): string {
  return createHash('sha256').update(`prospect-athena\n${runId}\n${sql}`).digest('hex');
}
