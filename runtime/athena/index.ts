// Athena: the query runner segmentation and export use with `segmentation.engine: athena`.
export * from './errors';
export * from './request-token';
export * from './query-runner';
export * from './from-env';
