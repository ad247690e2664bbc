import type { Pod } from '../endpointslice/pod.ts';

/** isPodTerminated (K: pkg/controller/podgc/gc_controller.go): any phase but Pending, Running and Unknown. */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown';
}

/** byEvictionAndCreationTimestamp: evicted pods (status.reason "Evicted") first, then the oldest. */
export function oldestEvictedFirst(pods: Pod[]): Pod[] {
  const evicted = (p: Pod) => (p.status?.['reason'] === 'Evicted' ? 0 : 1);
  return [...pods].sort(
    (a, b) =>
      evicted(a) - evicted(b) ||
      Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name! < b.metadata.name! ? -1 : 1),
  );
}
