import { type Clock, rfc3339 } from '../../clock/index.ts';
import { ApiError } from '../apiserver/api-error.ts';
import type { KubeApi } from '../apiserver/kube-api.ts';
import type { Pod, PodCondition } from './pod/types.ts';

export const FIELD_MANAGER = 'kube-scheduler';

/**
 * Sets the pod's PodScheduled condition when it changed (K: schedule_one.go updatePod with
 * podutil.UpdatePodCondition): lastTransitionTime moves only when the status flips. A pod changed or deleted
 * meanwhile is left alone; the next attempt writes again.
 */
export function setPodScheduled(
  api: KubeApi,
  clock: Clock,
  pod: Pod,
  condition: { status: 'False'; reason: string; message: string },
): void {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'PodScheduled');
  if (old && old.status === condition.status && old.reason === condition.reason && old.message === condition.message) {
    return;
  }
  const next: PodCondition = {
    type: 'PodScheduled',
    ...condition,
    lastProbeTime: null,
    lastTransitionTime:
      old?.status === condition.status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(clock),
  };
  const updated = old ? conditions.map((c) => (c === old ? next : c)) : [...conditions, next];
  try {
    api.update(
      { ...pod, status: { ...pod.status, conditions: updated } },
      { subresource: 'status', fieldManager: FIELD_MANAGER },
    );
  } catch (error) {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) return;
    throw error;
  }
}
