import type { NodeInfo } from '../cache/node-info.ts';
import { type FilterPlugin, MAX_NODE_SCORE, type Rejection, type ScorePlugin } from '../framework/types.ts';
import type { PodInfo } from '../pod/pod-info.ts';

/** Resources with fields of their own in framework.Resource, checked in this order; the rest are scalar. */
const NAMED = ['cpu', 'memory', 'ephemeral-storage'] as const;

/**
 * K: plugins/noderesources/fit.go fitsRequest. The pod count comes first; then each requested resource against
 * allocatable minus what bound pods request. Every shortage is a reason of its own ("Insufficient cpu",
 * "Insufficient memory"), counted per node in the FailedScheduling message. A request larger than the whole node
 * is unresolvable: evicting pods would not help.
 */
export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, node) {
    const reasons: string[] = [];
    let unresolvable = false;
    const allowedPods = node.allocatable['pods'] ?? 0;
    if (node.pods.size + 1 > allowedPods) reasons.push('Too many pods');
    if (!pod.requestsNothing) {
      const names = [...NAMED, ...Object.keys(pod.requests).filter((n) => !(NAMED as readonly string[]).includes(n))];
      for (const name of names) {
        const want = pod.requests[name] ?? 0;
        if (want <= 0 || name === 'pods') continue;
        const allocatable = node.allocatable[name] ?? 0;
        if (want > allocatable - (node.requested[name] ?? 0)) {
          reasons.push(`Insufficient ${name}`);
          if (want > allocatable) unresolvable = true;
        }
      }
    }
    if (reasons.length === 0) return undefined;
    const rejection: Rejection = { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons };
    return rejection;
  },
};

/**
 * K: noderesources/least_allocated.go with the default cpu:1, memory:1 weights: the share of each resource left
 * free after placing the pod, counting containers without requests as 100m / 200Mi.
 */
export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod, nodes) {
    return nodes.map((node) => leastAllocated(pod, node));
  },
};

function leastAllocated(pod: PodInfo, node: NodeInfo): number {
  let total = 0;
  let weights = 0;
  for (const name of ['cpu', 'memory']) {
    const capacity = node.allocatable[name] ?? 0;
    if (capacity === 0) continue;
    const requested = (node.nonZeroRequested[name] ?? 0) + (pod.nonZero[name] ?? 0);
    total += requested > capacity ? 0 : Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.trunc(total / weights);
}
