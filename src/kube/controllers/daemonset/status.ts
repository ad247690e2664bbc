import { isPodReady, type Pod } from '../endpointslice/pod.ts';
import type { PodTemplateSpec } from '../statefulset/types.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import { isAvailable, isPodUpdated, oldestFirst } from './pod-state.ts';
import type { DaemonSet, DaemonSetStatus, Node } from './types.ts';

/**
 * updateDaemonSetStatus (K: pkg/controller/daemon/daemon_controller.go): over nodes that should run the daemon,
 * desired counts them, currentNumberScheduled those with a pod (bound or only aimed there), and the oldest pod on
 * each decides ready, available and updated; pods on nodes that should not run it are misscheduled.
 */
export function computeStatus(options: {
  ds: DaemonSet;
  template: PodTemplateSpec;
  nodes: Node[];
  nodeToPods: Map<string, Pod[]>;
  hash: string;
  now: number;
}): DaemonSetStatus {
  const { ds, now } = options;
  let desired = 0;
  let scheduled = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of options.nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, options.template);
    const pods = options.nodeToPods.get(node.metadata.name!) ?? [];
    if (shouldRun) {
      desired++;
      if (pods.length === 0) continue;
      scheduled++;
      const pod = oldestFirst(pods)[0]!;
      if (isPodReady(pod)) {
        ready++;
        if (isAvailable(pod, ds, now)) available++;
      }
      if (isPodUpdated(pod, ds, options.hash)) updated++;
    } else if (pods.length > 0) misscheduled++;
  }
  return {
    currentNumberScheduled: scheduled,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
  };
}
