// A small query runner over the Athena client: start a statement in the environment's workgroup
// (idempotently: request-token.ts), poll its state with capped backoff until it finishes, and
// read small result sets (counts) page by page. The client is given, so tests answer it from a
// local server speaking the Athena protocol (test/support/athena-server.ts).

import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, type QueryExecution } from '@aws-sdk/client-athena';
import type { Logger } from '../log';
import { AthenaQueryFailedError, AthenaQueryTimeoutError } from './errors';
import { athenaRequestToken } from './request-token';

export interface AthenaRunnerOptions {
  readonly client: AthenaClient;
  /** The environment's workgroup (PROSPECT_ATHENA_WORKGROUP); it holds the results location and encryption. */
  readonly workGroup: string;
  /** Glue database statements run in. */
  readonly database: string;
  /** @default 'AwsDataCatalog' */
  readonly catalog?: string;
  /** Milliseconds the caller may still wait (Lambda: context.getRemainingTimeInMillis). @default - no limit */
  readonly remainingMs?: () => number;
  /** Kept free of the remaining time to report a timeout before the function is killed. @default 5000 */
  readonly reserveMs?: number;
  /** First poll delay, growing by `pollFactor` up to `maxPollMs`. @default 250 */
  readonly firstPollMs?: number;
  /** @default 2 */
  readonly pollFactor?: number;
  /** @default 5000 */
  readonly maxPollMs?: number;
  /**
   * Starts per statement and call when a query FAILED: Athena answers a reused request token with
   * the same failed query, so each new try uses a token chained from the failed query's id (still
   * deterministic: a retried function follows the same chain). @default 2
   */
  readonly attempts?: number;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly log?: Logger;
}

export interface AthenaQueryOutcome {
  readonly queryExecutionId: string;
  readonly state: 'SUCCEEDED';
  /** Bytes Athena scanned (what it bills). */
  readonly dataScannedBytes?: number;
  readonly engineMs?: number;
}

export interface AthenaRows {
  readonly columns: readonly string[];
  /** Data rows (the header row of a SELECT removed); NULL as null. */
  readonly rows: readonly (readonly (string | null)[])[];
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AthenaQueryRunner {
  constructor(private readonly o: AthenaRunnerOptions) {}

  /**
   * Starts `sql` (or finds it started, by its token) and waits until it has succeeded.
   * `beforeRetry` runs before a FAILED statement is started again (e.g. to empty an UNLOAD location).
   */
  async run(sql: string, runId: string, opts: { readonly beforeRetry?: () => Promise<void> } = {}): Promise<AthenaQueryOutcome> {
    const attempts = Math.max(1, this.o.attempts ?? 2);
    let token = athenaRequestToken(sql, runId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.runOnce(sql, token);
      } catch (e) {
        if (!(e instanceof AthenaQueryFailedError) || e.state !== 'FAILED' || attempt >= attempts) throw e;
        this.o.log?.warn('athena query failed; starting it again', { queryExecutionId: e.queryExecutionId, attempt });
        token = athenaRequestToken(sql, `${runId}\nafter ${e.queryExecutionId}`);
        await opts.beforeRetry?.();
      }
    }
  }

  private async runOnce(sql: string, token: string): Promise<AthenaQueryOutcome> {
    const o = this.o;
    const started = await o.client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        ClientRequestToken: token,
        WorkGroup: o.workGroup,
        QueryExecutionContext: { Database: o.database, Catalog: o.catalog ?? 'AwsDataCatalog' },
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new Error('Athena StartQueryExecution returned no QueryExecutionId');
    o.log?.info('athena query started', { queryExecutionId: id, statement: sql.slice(0, 120) });
    const since = Date.now();
    const deadline = o.remainingMs ? since + Math.max(0, o.remainingMs() - (o.reserveMs ?? 5000)) : Infinity;
    const sleep = o.sleep ?? delay;
    let wait = o.firstPollMs ?? 250;
    for (;;) {
      const q: QueryExecution = (await o.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution ?? {};
      const state = q.Status?.State ?? 'QUEUED';
      if (state === 'SUCCEEDED') {
        const outcome = { queryExecutionId: id, state, dataScannedBytes: q.Statistics?.DataScannedInBytes, engineMs: q.Statistics?.EngineExecutionTimeInMillis } as const;
        o.log?.info('athena query succeeded', { ...outcome, ms: Date.now() - since });
        return outcome;
      }
      if (state === 'FAILED' || state === 'CANCELLED') throw new AthenaQueryFailedError(id, state, q.Status?.StateChangeReason, q.Status?.AthenaError?.ErrorType?.toString());
      const now = Date.now();
      if (now + wait > deadline) throw new AthenaQueryTimeoutError(id, state, now - since);
      await sleep(wait);
      wait = Math.min(wait * (o.pollFactor ?? 2), o.maxPollMs ?? 5000);
    }
  }

  /** All rows of a finished query, page by page (for small results: counts, samples). */
  async rows(queryExecutionId: string, options: { readonly header?: boolean; readonly pageSize?: number } = {}): Promise<AthenaRows> {
    let columns: string[] = [];
    const rows: (string | null)[][] = [];
    let next: string | undefined;
    let first = true;
    do {
      const page = await this.o.client.send(new GetQueryResultsCommand({ QueryExecutionId: queryExecutionId, NextToken: next, MaxResults: options.pageSize ?? 1000 }));
      if (first) columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name ?? '');
      const data = (page.ResultSet?.Rows ?? []).map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? null));
      rows.push(...(first && options.header !== false ? data.slice(1) : data));
      first = false;
      next = page.NextToken;
    } while (next);
    return { columns, rows };
  }

  /** run + rows: a SELECT's rows. */
  async query(sql: string, runId: string): Promise<AthenaRows & { readonly outcome: AthenaQueryOutcome }> {
    const outcome = await this.run(sql, runId);
    return { ...(await this.rows(outcome.queryExecutionId)), outcome };
  }
}
