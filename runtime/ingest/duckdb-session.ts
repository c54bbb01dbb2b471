// One DuckDB database per ingestion, in memory, with bounded memory: what does not fit spills
// to the work folder. UTC, so datetimes without an offset are read as UTC.

import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import * as path from 'node:path';

export interface DuckDbLimits {
  /** DuckDB's memory_limit. @default $PROSPECT_DUCKDB_MEMORY_LIMIT, else '512MB' */
  readonly memoryLimit?: string;
  /** @default $PROSPECT_DUCKDB_THREADS, else the number of CPUs */
  readonly threads?: number;
}

export interface DuckDbSession {
  readonly connection: DuckDBConnection;
  /** Runs a statement and returns its rows as plain objects (BigInt for counts). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  run(sql: string): Promise<void>;
  close(): void;
}

/**
 * DuckDB's memory limit for ingesting a file of `bytes`: 512MB keeps files up to 512 MiB in memory
 * (fastest); past that the work table spills at 256MB, so peak memory stays under 1 GB however
 * large the file (measured on the 1M- and 5M-row bench files: ~750 MB and ~800 MB peak).
 */
export function ingestMemoryLimit(bytes: number): string {
  return process.env.PROSPECT_DUCKDB_MEMORY_LIMIT ?? (bytes > 512 * 1024 * 1024 ? '256MB' : '512MB');
}

/** DuckDB's memory limit inside a Lambda function: three quarters of the function's memory. */
export function lambdaMemoryLimit(): string {
  const mb = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return Number.isFinite(mb) && mb > 0 ? `${Math.floor(mb * 0.75)}MB` : '1GB';
}

export async function openDuckDb(workDir: string, limits: DuckDbLimits = {}): Promise<DuckDbSession> {
  const options: Record<string, string> = {
    memory_limit: limits.memoryLimit ?? process.env.PROSPECT_DUCKDB_MEMORY_LIMIT ?? '512MB',
    temp_directory: path.join(workDir, 'duckdb-spill'),
  };
  const threads = limits.threads ?? (process.env.PROSPECT_DUCKDB_THREADS ? Number(process.env.PROSPECT_DUCKDB_THREADS) : undefined);
  if (threads) options.threads = String(threads);
  const instance = await DuckDBInstance.create(':memory:', options);
  let connection: DuckDBConnection;
  try {
    connection = await instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
  } catch (e) {
    instance.closeSync();
    throw e;
  }
  // PROSPECT_TRACE_SQL=1 prints each statement's time and first line to stderr.
  const trace = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    if (!process.env.PROSPECT_TRACE_SQL) return f();
    const t = performance.now();
    const cpu = process.cpuUsage();
    try {
      return await f();
    } finally {
      const used = process.cpuUsage(cpu);
      process.stderr.write(`[sql ${Math.round(performance.now() - t)} ms, cpu ${Math.round((used.user + used.system) / 1000)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n`);
    }
  };
  return {
    connection,
    async rows(sql) {
      return trace(sql, async () => (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[]);
    },
    async run(sql) {
      await trace(sql, () => connection.run(sql));
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
