// Errors the export reports by name: what is wrong, the value, and how to fix it.

/** An enabled policy denies a label the activation uses or exports (checked again at run time). */
export class PolicyViolationError extends Error {
  override readonly name = 'PolicyViolationError';
  constructor(
    readonly activation: string,
    readonly violations: readonly { readonly policy: string; readonly label: string; readonly field: string; readonly action: string }[],
  ) {
    const v = violations[0];
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    super(
      `activation ${JSON.stringify(activation)} was not exported: policy "${v.policy}" denies label ${v.label} on field "${v.field}" for marketing action "${v.action}"${more}; ` +
        'remove the field from the activation or its audiences, or send to a destination without that action, then redeploy',
    );
  }
}

/** A rendered file name would leave the destination's prefix or path. */
export class NameOutsideDestinationError extends Error {
  override readonly name = 'NameOutsideDestinationError';
  constructor(
    readonly name_: string,
    readonly base: string,
  ) {
    super(`export file name ${JSON.stringify(name_)} would leave the destination's prefix or path ${JSON.stringify(base)}; fix the destination's nameTemplate`);
  }
}

/** The activation, destination or CSV options cannot be exported as declared. */
export class ExportConfigError extends Error {
  override readonly name = 'ExportConfigError';
}

/** An audience to export has no membership snapshot (never segmented, or not in this run). */
export class MissingSnapshotError extends Error {
  override readonly name = 'MissingSnapshotError';
  constructor(
    readonly audience: string,
    readonly runId?: string,
  ) {
    super(
      runId === undefined
        ? `audience ${JSON.stringify(audience)} has no membership snapshot yet: segment it first (prospect run, or wait for its schedule)`
        : `audience ${JSON.stringify(audience)} has no snapshot for run ${runId}: the segmentation run did not finish; re-run segmentation`,
    );
  }
}

/** An Athena export found a snapshot without a membership table (segmented by DuckDB). */
export class NotOnAthenaError extends Error {
  override readonly name = 'NotOnAthenaError';
  constructor(
    readonly audience: string,
    readonly runId: string,
    readonly engine: string,
  ) {
    super(
      `audience ${JSON.stringify(audience)}: snapshot run=${runId} was segmented by ${engine} and has no Athena membership table to export from; ` +
        'segment the audience again with segmentation.engine athena, or export with the duckdb engine',
    );
  }
}
