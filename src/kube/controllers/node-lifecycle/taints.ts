import type { KubeObject } from '../../object.ts';
import type { Taint, Toleration } from '../endpointslice/pod.ts';

/** Well-known taint keys (K: staging/src/k8s.io/api/core/v1/well_known_taints.go). */
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** v1.Toleration.ToleratesTaint (K: staging/src/k8s.io/api/core/v1/toleration.go). */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  // An empty key with Exists matches every taint.
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/**
 * GetMatchingTolerations (K: pkg/apis/core/v1/helper/helpers.go): whether every taint is tolerated, and the
 * tolerations that did it.
 */
export function matchingTolerations(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return { all: false, used: [] };
    used.push(match);
  }
  return { all: true, used };
}

/**
 * getMinTolerationTime (K: pkg/controller/tainteviction/taint_eviction.go): the smallest tolerationSeconds among
 * the used tolerations in ms; Infinity when none sets it (tolerated forever); 0 for negative values.
 */
export function minTolerationMs(used: readonly Toleration[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min;
}

export function taintsOf(node: KubeObject): Taint[] {
  return ((node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? []).slice();
}
