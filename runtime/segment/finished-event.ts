// "Segmentation finished": announced after a run so that activations with
// `trigger: after-segmentation` follow. In AWS: one EventBridge event per audience segmented
// (source prospect.segmentation, detail-type "Segmentation Finished"), because each activation's
// rule matches `detail.audience` and passes {activation, audience, runId} to the export function
// (constructs/activation.ts). Locally `prospect run` hands the same details to the export step.

import { SEGMENTATION_EVENT_SOURCE, SEGMENTATION_FINISHED, type SegmentationFinishedDetail as ContractDetail } from '../contract';
import { audienceSnapshotKey } from '../layout';
import type { SegmentationResult } from './segment';

export { SEGMENTATION_EVENT_SOURCE, SEGMENTATION_FINISHED };

export interface SegmentationFinishedDetail extends ContractDetail {
  readonly dataset: string;
  /** Members in this run. */
  readonly count: number;
  /** snapshot.json of this audience and run, in the lake bucket. */
  readonly snapshotKey: string;
  /** Every audience of the run, sorted. */
  readonly audiences: readonly string[];
}

/** One detail per audience of the run, sorted by audience. */
export function segmentationFinishedDetails(environment: string, result: SegmentationResult): SegmentationFinishedDetail[] {
  const audiences = result.snapshots.map((s) => s.audience).sort();
  return [...result.snapshots]
    .sort((a, b) => (a.audience < b.audience ? -1 : 1))
    .map((s) => ({
      environment,
      audience: s.audience,
      runId: result.runId,
      dataset: s.dataset,
      count: s.count,
      snapshotKey: audienceSnapshotKey(s.audience, s.runId, 'snapshot.json'),
      audiences,
    }));
}

export interface PutEventsEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName: string;
  readonly Time: Date;
}

/** PutEvents entries for a finished run (PutEvents takes at most 10 per call: send in batches). */
export function segmentationFinishedEntries(environment: string, result: SegmentationResult, eventBusName = 'default'): PutEventsEntry[] {
  return segmentationFinishedDetails(environment, result).map((d) => ({
    Source: SEGMENTATION_EVENT_SOURCE,
    DetailType: SEGMENTATION_FINISHED,
    Detail: JSON.stringify(d),
    EventBusName: eventBusName,
    Time: new Date(result.runTime),
  }));
}
