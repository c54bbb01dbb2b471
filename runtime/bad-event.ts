/** An event a pipeline function cannot act on: its shape or values are wrong. Not retried usefully. */
export class BadEventError extends Error {
  override readonly name = 'BadEventError';
}
