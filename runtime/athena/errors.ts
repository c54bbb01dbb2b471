// Errors the Athena query runner reports by name: the query id, the state and Athena's reason.

/** Athena finished a query as FAILED or CANCELLED. */
export class AthenaQueryFailedError extends Error {
  override readonly name = 'AthenaQueryFailedError';
  constructor(
    readonly queryExecutionId: string,
    readonly state: 'FAILED' | 'CANCELLED',
    readonly reason: string | undefined,
    readonly errorType?: string,
  ) {
    super(
      `Athena query ${queryExecutionId} ${state === 'FAILED' ? 'failed' : 'was cancelled'}: ${reason ?? '(no reason given)'}` +
        (errorType ? ` [${errorType}]` : '') +
        `; see it with \`aws athena get-query-execution --query-execution-id ${queryExecutionId}\``,
    );
  }
}

/**
 * The query was still QUEUED or RUNNING when the time left ran out. It is not stopped: a retry
 * of the function sends the same ClientRequestToken and picks the same query up again.
 */
export class AthenaQueryTimeoutError extends Error {
  override readonly name = 'AthenaQueryTimeoutError';
  constructor(
    readonly queryExecutionId: string,
    readonly state: string,
    readonly waitedMs: number,
  ) {
    super(
      `Athena query ${queryExecutionId} is still ${state} after ${waitedMs} ms, and the function has no time left to wait; ` +
        'a retry resumes the same query (same request token), or give the function a longer timeout',
    );
  }
}
