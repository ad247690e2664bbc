import type { Pod } from '../endpointslice/pod.ts';
import { revisionOf } from './identity.ts';
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './pod-state.ts';
import type { StatefulSet, StatefulSetStatus } from './types.ts';

/**
 * computeReplicaStatus and completeRollingUpdate (K: pkg/controller/statefulset/stateful_set_control.go): replicas
 * counts created pods (terminating ones too), ready and available count Running+Ready ones, current and updated
 * count live pods by their controller-revision-hash. A RollingUpdate whose pods are all updated and ready is
 * complete: the update revision becomes the current one.
 */
export function computeStatus(options: {
  set: StatefulSet;
  pods: Pod[];
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  now: number;
}): StatefulSetStatus {
  const { set, pods, now } = options;
  const minReadySeconds = set.spec.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: options.currentRevision,
    updateRevision: options.updateRevision,
    collisionCount: options.collisionCount,
  };
  for (const pod of pods) {
    if (isCreated(pod)) status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas!++;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas!++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      const revision = revisionOf(pod);
      if (revision === options.currentRevision) status.currentReplicas!++;
      if (revision === options.updateRevision) status.updatedReplicas!++;
    }
  }
  const rollingUpdate = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rollingUpdate && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  return status;
}
