import type { Pod } from '../endpointslice/pod.ts';
import { isAvailable, updatedPodsOnNode } from './pod-state.ts';
import type { DaemonSet } from './types.ts';

export interface SyncPlan {
  podsToDelete: Pod[];
  nodesToCreate: string[];
}

/**
 * updatedDesiredNodeCounts (K: pkg/controller/daemon/update.go): maxUnavailable and maxSurge scaled against the
 * desired pods, percentages rounded up; with both 0 (only possible with percentages of few nodes) maxUnavailable is 1.
 */
export function rollingLimits(ds: DaemonSet, desired: number): { maxUnavailable: number; maxSurge: number } {
  const rolling = ds.spec.updateStrategy?.rollingUpdate;
  const scale = (value: number | string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value === 'number') return value;
    const percent = /^(\d+)%$/.exec(value);
    return percent ? Math.ceil((Number(percent[1]) * desired) / 100) : Number.parseInt(value, 10) || 0;
  };
  let maxUnavailable = scale(rolling?.maxUnavailable, 1);
  const maxSurge = scale(rolling?.maxSurge, 0);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxUnavailable, maxSurge };
}

/**
 * rollingUpdate (update.go, v1.32), nodes taken in name order (Go walks a map). Without surge: old pods that are
 * not available are replaced at once; available ones are deleted while fewer than maxUnavailable nodes are
 * unavailable (a node with no pod, two pods, or an unavailable new pod counts as unavailable); the manage loop then
 * creates the new pod. With surge: a new pod is created beside an old one (at once where the old one is not
 * available, else up to maxSurge nodes), and the old pod goes when the new one is available.
 */
export function planRollingUpdate(options: {
  ds: DaemonSet;
  nodeToPods: Map<string, Pod[]>;
  hash: string;
  desired: number;
  now: number;
}): SyncPlan {
  const { ds, hash, now } = options;
  const { maxUnavailable, maxSurge } = rollingLimits(ds, options.desired);
  const nodes = [...options.nodeToPods.keys()].sort();
  if (maxSurge === 0) {
    let unavailable = 0;
    const allowed: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const { ok, newPod, oldPod } = updatedPodsOnNode(options.nodeToPods.get(node)!, ds, hash);
      if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) unavailable++;
      else if (newPod) {
        if (!isAvailable(newPod, ds, now)) unavailable++;
      } else if (oldPod) {
        if (!isAvailable(oldPod, ds, now)) allowed.push(oldPod);
        else if (unavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(candidates.length, Math.max(0, maxUnavailable - unavailable));
    return { podsToDelete: [...allowed, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }
  let surging = 0;
  const allowedNodes: string[] = [];
  const candidateNodes: string[] = [];
  const podsToDelete: Pod[] = [];
  for (const node of nodes) {
    const { ok, newPod, oldPod } = updatedPodsOnNode(options.nodeToPods.get(node)!, ds, hash);
    if (!ok) {
      surging++;
      continue;
    }
    if (!oldPod) continue;
    if (!newPod) {
      if (!isAvailable(oldPod, ds, now)) allowedNodes.push(node);
      else if (surging < maxSurge) candidateNodes.push(node);
      continue;
    }
    if (!isAvailable(newPod, ds, now)) {
      surging++;
      continue;
    }
    podsToDelete.push(oldPod);
  }
  const remaining = Math.min(candidateNodes.length, Math.max(0, maxSurge - surging));
  return { podsToDelete, nodesToCreate: [...allowedNodes, ...candidateNodes.slice(0, remaining)] };
}
