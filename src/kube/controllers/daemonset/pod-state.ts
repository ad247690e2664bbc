import { isPodAvailable, type Pod } from '../endpointslice/pod.ts';
import { type DaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, templateGeneration } from './types.ts';

/**
 * IsPodUpdated (K: pkg/controller/daemon/util/daemonset_util.go): made from the current template, by
 * pod-template-generation or by controller-revision-hash.
 */
export function isPodUpdated(pod: Pod, ds: DaemonSet, hash: string): boolean {
  const labels = pod.metadata.labels ?? {};
  const generation = templateGeneration(ds);
  const byGeneration = generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation;
  return byGeneration || (hash !== '' && labels[REVISION_HASH_LABEL] === hash);
}

export function isAvailable(pod: Pod, ds: DaemonSet, now: number): boolean {
  return isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now);
}

/** Oldest first, by creation time then name (a stable stand-in for podByCreationTimestampAndPhase). */
export function oldestFirst(pods: Pod[]): Pod[] {
  return [...pods].sort(
    (a, b) =>
      Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name! < b.metadata.name! ? -1 : 1),
  );
}

/**
 * findUpdatedPodsOnNode (update.go): the one live updated and the one live old pod on a node; ok is false when a
 * node holds two of either (the manage loop must clean it up first).
 */
export function updatedPodsOnNode(
  pods: Pod[],
  ds: DaemonSet,
  hash: string,
): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, ds, hash)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { ok: true, ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}) };
}
