import { isPodActive, isPodReady, podReadyTime } from './pod-state.ts';
import type { Pod } from './types.ts';
import { timeOf } from './types.ts';

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * The `count` pods a ReplicaSet scaling down deletes first: ranked by how many active pods of the same owner family
 * (the ReplicaSets of one Deployment) share their node, then sorted as ActivePodsWithRanks
 * (K: pkg/controller/replicaset/replica_set.go getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
export function podsToDelete(filtered: Pod[], related: Pod[], count: number, now: number): Pod[] {
  if (count >= filtered.length) return filtered;
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked = filtered.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => compareForDeletion(a, b, now));
  return ranked.slice(0, count).map((r) => r.pod);
}

interface Ranked {
  pod: Pod;
  rank: number;
}

/**
 * ActivePodsWithRanks.Less with LogarithmicScaleDown (on by default since 1.22; K: pkg/controller/controller_utils.go):
 * negative when `a` goes first.
 */
export function compareForDeletion(a: Ranked, b: Ranked, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  // 1. Unassigned < assigned.
  const na = pa.spec.nodeName ?? '';
  const nb = pb.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  // 2. Pending < Unknown < Running.
  const oa = PHASE_ORDER[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDER[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa - ob;
  // 3. Not ready < ready.
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return ra ? 1 : -1;
  // 4. Lower pod-deletion-cost < higher (PodDeletionCost, beta and on since 1.22).
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca - cb;
  // 5. More related pods on the same node < fewer (spread replicas out when scaling down).
  if (a.rank !== b.rank) return b.rank - a.rank;
  // 6. Ready for less time < more time, compared on a log2 scale of the age so near-equals do not reorder.
  if (ra && rb) {
    const ta = podReadyTime(pa);
    const tb = podReadyTime(pb);
    if (ta !== tb) {
      const order = newerFirst(ta, tb, now, pa, pb);
      if (order !== 0) return order;
    }
  }
  // 7. More container restarts < fewer (regular containers, then restartable init containers).
  const [regularA, sidecarA] = maxRestarts(pa);
  const [regularB, sidecarB] = maxRestarts(pb);
  if (regularA !== regularB) return regularB - regularA;
  if (sidecarA !== sidecarB) return sidecarB - sidecarA;
  // 8. Newer < older (empty creation time first).
  const ka = timeOf(pa.metadata.creationTimestamp);
  const kb = timeOf(pb.metadata.creationTimestamp);
  if (ka !== kb) return newerFirst(ka, kb, now, pa, pb);
  return 0;
}

/** afterOrZero, or with a usable `now` the logarithmic rank difference with the uid as tie-breaker. */
function newerFirst(ta: number, tb: number, now: number, pa: Pod, pb: Pod): number {
  if (now === 0 || ta === 0 || tb === 0) {
    if (ta === 0 || tb === 0) return ta === 0 ? -1 : 1;
    return tb - ta;
  }
  const diff = logRank(now - ta) - logRank(now - tb);
  if (diff !== 0) return diff;
  const ua = pa.metadata.uid ?? '';
  const ub = pb.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** int64(math.Log2(float64(d))) of a duration in nanoseconds; -1 for a duration ≤ 0 (logarithmicRankDiff). */
function logRank(ms: number): number {
  const ns = ms * 1e6;
  return ns > 0 ? Math.trunc(Math.log2(ns)) : -1;
}

/** An invalid or missing annotation counts as 0 (K: controller_utils.go getDeletionCostFromPodAnnotations). */
function deletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[DELETION_COST];
  if (value === undefined || !/^-?\d+$/.test(value)) return 0;
  const n = Number(value);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function maxRestarts(pod: Pod): [number, number] {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
  const sidecars = new Set(
    (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  const sidecar = Math.max(
    0,
    ...(pod.status?.initContainerStatuses ?? [])
      .filter((s) => sidecars.has(s.name ?? ''))
      .map((s) => s.restartCount ?? 0),
  );
  return [regular, sidecar];
}
