import type { Condition, Pod } from './types.ts';
import { timeOf } from './types.ts';

/**
 * A pod counts towards a ReplicaSet unless it finished or is being deleted, so a terminating pod is replaced at once
 * (K: pkg/controller/controller_utils.go IsPodActive).
 */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function readyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** K: pkg/api/v1/pod/util.go IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When a ready pod became ready (its Ready condition's lastTransitionTime), else 0. */
export function podReadyTime(pod: Pod): number {
  const condition = readyCondition(pod);
  return condition?.status === 'True' ? timeOf(condition.lastTransitionTime) : 0;
}

/**
 * Ready for at least minReadySeconds: lastTransitionTime + minReadySeconds strictly before now
 * (K: pkg/api/v1/pod/util.go IsPodAvailable).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = timeOf(readyCondition(pod)?.lastTransitionTime);
  return since > 0 && since + minReadySeconds * 1000 < now;
}
