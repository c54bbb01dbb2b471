export * from './batch-id';
export * from './batch-manifest';
export * from './ingest-object';
export * from './ingest-plan';
export { InputFileError } from './input-file';
export { ReferenceValidator } from './reference-validator';
export type { DuckDbLimits } from './duckdb-session';
