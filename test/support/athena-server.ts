// A local stand-in for the Athena API on 127.0.0.1, speaking its JSON 1.1 protocol
// (POST /, x-amz-target: AmazonAthena.<Operation>), so tests drive the real AthenaClient: its
// serialization, retries and our polling. It records every request and answers the three
// operations the runner uses as Athena does:
// - StartQueryExecution: a new id per ClientRequestToken; the same token again gives the same id
//   (a different statement under a used token is refused, as Athena refuses it);
// - GetQueryExecution: the query's scripted states, one per call, the last one repeating;
// - GetQueryResults: refused before SUCCEEDED; a header row, then the rows, MaxResults per page.
// What a query does is the test's `execute` hook (e.g. run its SELECT in DuckDB).

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AthenaClient } from '@aws-sdk/client-athena';

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface ScriptedQuery {
  /** States GetQueryExecution reports, one per call; the last repeats. @default ['SUCCEEDED'] */
  readonly states?: readonly QueryState[];
  /** StateChangeReason reported with FAILED or CANCELLED. */
  readonly reason?: string;
  readonly columns?: readonly string[];
  readonly rows?: readonly (readonly (string | null)[])[];
}

export interface RecordedRequest {
  readonly target: string;
  readonly body: Record<string, unknown>;
}

export interface AthenaServer {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Statements started, in order (one per distinct token). */
  readonly started: { readonly id: string; readonly sql: string; readonly token: string; readonly workGroup: unknown; readonly context: unknown }[];
  /** Answers the next `count` requests of `target` with an HTTP error (e.g. 500 InternalServerException). */
  failNext(target: string, status: number, type: string, count?: number): void;
  /** An AthenaClient pointed at this server (fake credentials, fast retries). */
  client(): AthenaClient;
  close(): Promise<void>;
}

interface Query extends ScriptedQuery {
  readonly id: string;
  readonly sql: string;
  polls: number;
}

export async function startAthenaServer(execute: (sql: string) => ScriptedQuery | Promise<ScriptedQuery>): Promise<AthenaServer> {
  const requests: RecordedRequest[] = [];
  const started: AthenaServer['started'][number][] = [];
  const byToken = new Map<string, Query>();
  const byId = new Map<string, Query>();
  const failures: { target: string; status: number; type: string; count: number }[] = [];

  const handle = async (target: string, body: Record<string, unknown>): Promise<[number, unknown]> => {
    const fail = failures.find((f) => f.target === target && f.count > 0);
    if (fail) {
      fail.count--;
      return [fail.status, { __type: fail.type, Message: `scripted ${fail.type}` }];
    }
    const invalid = (message: string): [number, unknown] => [400, { __type: 'InvalidRequestException', Message: message }];
    switch (target) {
      case 'AmazonAthena.StartQueryExecution': {
        const sql = body.QueryString as string;
        const token = body.ClientRequestToken as string | undefined;
        if (typeof sql !== 'string' || sql === '') return invalid('QueryString is required');
        if (token !== undefined && (token.length < 32 || token.length > 128)) return invalid('ClientRequestToken must be 32 to 128 characters');
        const known = token !== undefined ? byToken.get(token) : undefined;
        if (known) return known.sql === sql ? [200, { QueryExecutionId: known.id }] : invalid('Idempotent parameters do not match');
        const id = `q-${String(started.length + 1).padStart(4, '0')}`;
        const q: Query = { ...(await execute(sql)), id, sql, polls: 0 };
        byId.set(id, q);
        if (token !== undefined) byToken.set(token, q);
        started.push({ id, sql, token: token ?? '', workGroup: body.WorkGroup, context: body.QueryExecutionContext });
        return [200, { QueryExecutionId: id }];
      }
      case 'AmazonAthena.GetQueryExecution': {
        const q = byId.get(body.QueryExecutionId as string);
        if (!q) return invalid(`QueryExecution ${body.QueryExecutionId} was not found`);
        const states = q.states ?? ['SUCCEEDED'];
        const state = states[Math.min(q.polls++, states.length - 1)];
        const done = state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED';
        return [
          200,
          {
            QueryExecution: {
              QueryExecutionId: q.id,
              Query: q.sql,
              Status: { State: state, ...(done && q.reason ? { StateChangeReason: q.reason } : {}), SubmissionDateTime: 1_764_489_600 },
              Statistics: { DataScannedInBytes: 1024, EngineExecutionTimeInMillis: 42 },
            },
          },
        ];
      }
      case 'AmazonAthena.GetQueryResults': {
        const q = byId.get(body.QueryExecutionId as string);
        if (!q) return invalid(`QueryExecution ${body.QueryExecutionId} was not found`);
        const states = q.states ?? ['SUCCEEDED'];
        if (states[Math.min(Math.max(q.polls - 1, 0), states.length - 1)] !== 'SUCCEEDED') return invalid('Query has not yet finished');
        const columns = q.columns ?? [];
        const all = [columns, ...(q.rows ?? [])];
        const from = body.NextToken ? Number(body.NextToken) : 0;
        const size = (body.MaxResults as number | undefined) ?? 1000;
        const page = all.slice(from, from + size);
        return [
          200,
          {
            ResultSet: {
              Rows: page.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
              ResultSetMetadata: { ColumnInfo: columns.map((c) => ({ Name: c, Label: c, Type: 'varchar' })) },
            },
            ...(from + size < all.length ? { NextToken: String(from + size) } : {}),
          },
        ];
      }
      default:
        return [400, { __type: 'UnknownOperationException', Message: `not served here: ${target}` }];
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push({ target, body });
      handle(target, body).then(
        ([status, out]) => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `r-${requests.length}` });
          res.end(JSON.stringify(out));
        },
        (e: Error) => {
          res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'InternalServerException', Message: e.message }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    requests,
    started,
    failNext: (target, status, type, count = 1) => void failures.push({ target: target.includes('.') ? target : `AmazonAthena.${target}`, status, type, count }),
    client: () => new AthenaClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' }, maxAttempts: 3 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
