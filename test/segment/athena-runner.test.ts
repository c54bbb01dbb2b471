// The Athena query runner against a local server speaking the Athena JSON 1.1 protocol: the real
// AthenaClient serializes, signs and retries; the server scripts the query states.

import { AthenaQueryFailedError, AthenaQueryRunner, AthenaQueryTimeoutError, athenaRequestToken, type AthenaRunnerOptions } from '../../runtime/athena';
import { AthenaServer, ScriptedQuery, startAthenaServer } from '../support/athena-server';

let server: AthenaServer;
let script: (sql: string) => ScriptedQuery = () => ({});
beforeAll(async () => {
  server = await startAthenaServer((sql) => script(sql));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function runner(waits: number[] = [], o: Partial<AthenaRunnerOptions> = {}): AthenaQueryRunner {
  return new AthenaQueryRunner({ client: server.client(), workGroup: 'prospect-prod', database: 'prospect_prod', sleep: async (ms) => void waits.push(ms), ...o });
}
const targets = () => server.requests.map((r) => r.target.replace('AmazonAthena.', ''));

describe('AthenaQueryRunner.run', () => {
  it('starts the statement in the workgroup and database, then polls with capped backoff until SUCCEEDED', async () => {
    script = () => ({ states: ['QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED'] });
    const waits: number[] = [];
    const out = await runner(waits, { maxPollMs: 600 }).run('SELECT 1', '20261130T080000Z');
    expect(out).toEqual({ queryExecutionId: expect.stringMatching(/^q-/), state: 'SUCCEEDED', dataScannedBytes: 1024, engineMs: 42 });
    expect(targets()).toEqual(['StartQueryExecution', 'GetQueryExecution', 'GetQueryExecution', 'GetQueryExecution', 'GetQueryExecution', 'GetQueryExecution']);
    expect(server.requests[0].body).toEqual({
      QueryString: 'SELECT 1',
      ClientRequestToken: athenaRequestToken('SELECT 1', '20261130T080000Z'),
      WorkGroup: 'prospect-prod',
      QueryExecutionContext: { Database: 'prospect_prod', Catalog: 'AwsDataCatalog' },
    });
    expect(server.requests[1].body).toEqual({ QueryExecutionId: out.queryExecutionId });
    expect(waits).toEqual([250, 500, 600, 600]);
  });

  it('names a failed query: its id, state and Athena\'s reason', async () => {
    script = () => ({ states: ['RUNNING', 'FAILED'], reason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.prospect_prod.nope' does not exist" });
    const err = await runner().run('SELECT * FROM nope', 'r1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AthenaQueryFailedError);
    expect(err).toMatchObject({ name: 'AthenaQueryFailedError', state: 'FAILED', queryExecutionId: expect.stringMatching(/^q-/) });
    expect((err as Error).message).toMatch(/^Athena query q-\d+ failed: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.prospect_prod.nope' does not exist; see it with `aws athena get-query-execution --query-execution-id q-\d+`$/);
  });

  it('starts a FAILED query again with a token chained from the failed id, the same chain on a retried call', async () => {
    let n = 0;
    script = () => ({ states: [n++ === 0 ? 'FAILED' : 'SUCCEEDED'], reason: 'throttled by a concurrent DDL' });
    const first = await runner().run('SELECT 42', 'r-chain');
    const tokens = server.requests.filter((r) => r.target === 'AmazonAthena.StartQueryExecution').map((r) => r.body.ClientRequestToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(athenaRequestToken('SELECT 42', 'r-chain'));
    expect(tokens[1]).not.toBe(tokens[0]);
    // a retried function: the first token finds the failed query, the chained one the query that succeeded
    const again = await runner().run('SELECT 42', 'r-chain');
    expect(again.queryExecutionId).toBe(first.queryExecutionId);
    expect(server.started.filter((q) => q.sql === 'SELECT 42')).toHaveLength(2);
  });

  it('names a cancelled query', async () => {
    script = () => ({ states: ['QUEUED', 'CANCELLED'], reason: 'Query cancelled by user' });
    await expect(runner().run('SELECT 2', 'r1')).rejects.toThrow(/^Athena query q-\d+ was cancelled: Query cancelled by user;/);
  });

  it('gives up before the function runs out of time, without stopping the query', async () => {
    script = () => ({ states: ['RUNNING'] });
    const waits: number[] = [];
    const err = await runner(waits, { remainingMs: () => 6_000, reserveMs: 5_000 }).run('SELECT 3', 'r1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AthenaQueryTimeoutError);
    expect(err).toMatchObject({ state: 'RUNNING' });
    expect((err as Error).message).toMatch(/^Athena query q-\d+ is still RUNNING after \d+ ms, and the function has no time left to wait; a retry resumes the same query/);
    expect(waits).toEqual([250, 500]);
    expect(targets()).not.toContain('StopQueryExecution');
  });

  it('sends one request token per statement and run: SDK retries and a retried function reuse the query', async () => {
    script = () => ({ states: ['SUCCEEDED'] });
    server.failNext('StartQueryExecution', 500, 'InternalServerException');
    const first = await runner().run('CREATE TABLE t AS SELECT 1', '20261130T080000Z');
    const starts = server.requests.filter((r) => r.target === 'AmazonAthena.StartQueryExecution');
    expect(starts).toHaveLength(2);
    expect(starts[0].body.ClientRequestToken).toBe(starts[1].body.ClientRequestToken);
    const again = await runner().run('CREATE TABLE t AS SELECT 1', '20261130T080000Z');
    expect(again.queryExecutionId).toBe(first.queryExecutionId);
    expect(server.started.filter((q) => q.sql === 'CREATE TABLE t AS SELECT 1')).toHaveLength(1);
    const other = await runner().run('CREATE TABLE t AS SELECT 1', '20261201T080000Z');
    expect(other.queryExecutionId).not.toBe(first.queryExecutionId);
    expect(athenaRequestToken('x', 'r')).toMatch(/^[0-9a-f]{64}$/);
    expect(athenaRequestToken('x', 'r')).not.toBe(athenaRequestToken('y', 'r'));
  });
});

describe('AthenaQueryRunner.rows', () => {
  it('reads every page, drops the header row and keeps NULLs', async () => {
    const rows = Array.from({ length: 2_500 }, (_v, i) => [String(i), i % 7 === 0 ? null : `v${i}`]);
    script = () => ({ columns: ['n', 'v'], rows });
    const out = await runner().query('SELECT n, v FROM t', 'r1');
    expect(out.columns).toEqual(['n', 'v']);
    expect(out.rows).toEqual(rows);
    const pages = server.requests.filter((r) => r.target === 'AmazonAthena.GetQueryResults');
    expect(pages.map((p) => p.body.NextToken)).toEqual([undefined, '1000', '2000']);
    expect(pages.every((p) => p.body.MaxResults === 1000)).toBe(true);
  });

  it('reads an empty result as no rows', async () => {
    script = () => ({ columns: ['n'], rows: [] });
    expect((await runner().query('SELECT n FROM t WHERE false', 'r1')).rows).toEqual([]);
  });
});
