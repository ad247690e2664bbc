import { formatTime } from '../../../clock/index.ts';
import { messageOf } from '../../../errors.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import { isPodAvailable, isPodReady } from './pod-state.ts';
import type { Pod, ReplicaSet, ReplicaSetStatus } from './types.ts';
import { replicasOf } from './types.ts';

/**
 * The status a sync leaves behind, counted over the active pods the ReplicaSet controls (K:
 * pkg/controller/replicaset/replica_set_utils.go calculateStatus). A failed create or delete adds the
 * ReplicaFailure condition (reason FailedCreate/FailedDelete); a clean sync removes it.
 */
export function calculateStatus(rs: ReplicaSet, pods: Pod[], error: unknown, now: number): ReplicaSetStatus {
  const templateLabels = labelSelectorFromObject({ matchLabels: rs.spec.template.metadata?.labels ?? {} });
  const minReadySeconds = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, now)) available++;
    }
  }
  let conditions = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (error !== undefined && !failure) {
    const diff = pods.length - replicasOf(rs);
    conditions.push({
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: formatTime(now),
      reason: diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '',
      message: messageOf(error),
    });
  } else if (error === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(rs.status?.observedGeneration !== undefined ? { observedGeneration: rs.status.observedGeneration } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

/** updateReplicaSetStatus skips the write when nothing changed and the generation was already observed. */
export function statusUnchanged(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const current = rs.status ?? { replicas: 0 };
  return (
    (current.replicas ?? 0) === next.replicas &&
    (current.fullyLabeledReplicas ?? 0) === next.fullyLabeledReplicas &&
    (current.readyReplicas ?? 0) === next.readyReplicas &&
    (current.availableReplicas ?? 0) === next.availableReplicas &&
    rs.metadata.generation === current.observedGeneration &&
    JSON.stringify(current.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}
