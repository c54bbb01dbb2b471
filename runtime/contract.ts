// Names shared by the stacks (which set them) and the runtime (which reads them): event names,
// Lambda environment variables, destination prefixes. Pure: handlers bundle it without cdktf.

/** Source and detail-type of the event the segment function publishes after each run. */
export const SEGMENTATION_EVENT_SOURCE = 'prospect.segmentation';
export const SEGMENTATION_FINISHED = 'Segmentation Finished';

/** Detail of a "Segmentation Finished" event. */
export interface SegmentationFinishedDetail {
  readonly environment: string;
  readonly audience: string;
  readonly runId: string;
}

/** Key prefix of a destination without an external bucket, in the exports bucket. */
export function destinationPrefix(destination: string, configuredPrefix?: string): string {
  return configuredPrefix ?? `destinations/${destination}/`;
}

/** Environment variables of every pipeline function (values are names, never secrets). */
export const ENV_VARS = {
  environment: 'PROSPECT_ENV',
  manifestBucket: 'PROSPECT_MANIFEST_BUCKET',
  manifestKey: 'PROSPECT_MANIFEST_KEY',
  landingBucket: 'PROSPECT_LANDING_BUCKET',
  lakeBucket: 'PROSPECT_LAKE_BUCKET',
  exportsBucket: 'PROSPECT_EXPORTS_BUCKET',
  /** Set only with `segmentation.engine: athena`. */
  athenaWorkgroup: 'PROSPECT_ATHENA_WORKGROUP',
} as const;
