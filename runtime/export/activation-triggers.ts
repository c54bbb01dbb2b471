// When activations run: after-segmentation ones follow a finished segmentation run of any of
// their audiences; every activation only exports inside its startDate..endDate window (UTC days,
// both ends included), which EventBridge rules cannot apply for them.

import type { ActivationSpec } from '../../specs/model';
import type { RuntimeManifest } from '../manifest';

export function withinWindow(schedule: ActivationSpec['schedule'], time: Date): boolean {
  const day = time.toISOString().slice(0, 10);
  return (schedule.startDate === undefined || day >= schedule.startDate) && (schedule.endDate === undefined || day <= schedule.endDate);
}

export interface TriggeredActivation {
  readonly activation: string;
  /** Its audiences that were segmented in the run, in the activation's order. */
  readonly audiences: readonly string[];
}

/** Activations with `trigger: after-segmentation` that export any of `segmented`, sorted by name. */
export function activationsAfterSegmentation(manifest: RuntimeManifest, segmented: readonly string[]): TriggeredActivation[] {
  return Object.entries(manifest.activations)
    .filter(([, a]) => a.schedule.trigger === 'after-segmentation')
    .map(([activation, a]) => ({ activation, audiences: a.audiences.filter((x) => segmented.includes(x)) }))
    .filter((t) => t.audiences.length > 0)
    .sort((x, y) => (x.activation < y.activation ? -1 : 1));
}
