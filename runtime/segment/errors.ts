// Errors segmentation reports by name: each says what is wrong, the value, and how to fix it.

export class UnknownAudienceError extends Error {
  override readonly name = 'UnknownAudienceError';
  constructor(
    readonly audience: string,
    known: readonly string[],
  ) {
    super(`audience ${JSON.stringify(audience)} is not in the runtime manifest: known audiences are ${known.length ? known.join(', ') : '(none)'}; check the name or deploy the spec that declares it`);
  }
}

export class AudienceRuleError extends Error {
  override readonly name = 'AudienceRuleError';
  constructor(
    readonly audience: string,
    detail: string,
  ) {
    super(`audience ${JSON.stringify(audience)}: ${detail}; run \`prospect validate\` on the spec set`);
  }
}

export class MissingDatasetError extends Error {
  override readonly name = 'MissingDatasetError';
  constructor(
    readonly audience: string,
    readonly dataset: string,
  ) {
    super(`audience ${JSON.stringify(audience)} reads dataset ${JSON.stringify(dataset)}, which (or whose schema) is not in the runtime manifest; redeploy the spec set`);
  }
}

/** The profile table lacks a column a rule or export needs (the profiles are older than the schema). */
export class MissingProfileColumnError extends Error {
  override readonly name = 'MissingProfileColumnError';
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {
    super(`profile table ${JSON.stringify(table)} has no column ${columns.map((c) => JSON.stringify(c)).join(', ')}: ingest a batch with the current schema, or remove the field from the rule`);
  }
}

/** Athena segmentation or export found no published, unexpired batch of a dataset to query. */
export class NoCurrentBatchesError extends Error {
  override readonly name = 'NoCurrentBatchesError';
  constructor(
    readonly dataset: string,
    readonly expired: number,
  ) {
    super(
      `dataset ${JSON.stringify(dataset)} has no current batch to query on Athena (${expired} expired); ` +
        'ingest a batch, or raise the dataset\'s expiration.afterDays',
    );
  }
}
