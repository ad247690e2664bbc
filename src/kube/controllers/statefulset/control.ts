import type { Pod } from '../endpointslice/pod.ts';
import { templateOf } from './history.ts';
import {
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  newStatefulSetPod,
  ordinalOf,
  revisionOf,
  startOrdinal,
} from './identity.ts';
import { maxUnavailableOf } from './max-unavailable.ts';
import {
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
} from './pod-state.ts';
import type { ControllerRevision, StatefulSet } from './types.ts';

/** The writes one sync may make; the controller performs them against the API (and records the events). */
export interface StatefulSetActions {
  createPod(pod: Pod): void;
  createMissingClaims(pod: Pod): void;
  updateIdentity(pod: Pod): void;
  deletePod(pod: Pod, reason: 'scale' | 'update' | 'recreate'): void;
  warn(reason: string, message: string): void;
  requeueAfter(ms: number): void;
}

export interface UpdateStatefulSetOptions {
  set: StatefulSet;
  current: ControllerRevision;
  update: ControllerRevision;
  /** The set's pods (claimed and members by name). */
  pods: Pod[];
  now: number;
  actions: StatefulSetActions;
  /** MaxUnavailableStatefulSet is alpha (off) in v1.32: rolling updates then replace one pod at a time. */
  honourMaxUnavailable: boolean;
}

/**
 * updateStatefulSet (K: pkg/controller/statefulset/stateful_set_control.go, v1.32): split pods into replicas (ordinals
 * in range) and condemned (the rest, highest ordinal first); recreate failed or succeeded replicas; create missing
 * ones — with OrderedReady one at a time, each after its predecessor is Running and Ready (and available after
 * minReadySeconds); then delete condemned pods, highest first, one at a time unless Parallel; then, with
 * RollingUpdate, delete the highest-ordinal pod not at the update revision down to the partition, waiting for each
 * replacement to be healthy. The next sync creates the replacement from the right revision.
 */
export function updateStatefulSet(options: UpdateStatefulSetOptions): void {
  const { set, now, actions } = options;
  if (set.metadata.deletionTimestamp) return;
  const start = startOrdinal(set);
  const count = endOrdinal(set) - start;
  const minReadySeconds = set.spec.minReadySeconds ?? 0;
  const replicas: Pod[] = new Array<Pod>(count);
  const condemned: Pod[] = [];
  for (const pod of options.pods) {
    if (inOrdinalRange(set, pod)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  for (let i = 0; i < count; i++) replicas[i] ??= newVersionedPod(options, start + i);
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy = replicas.find((p) => !isHealthy(p)) ?? condemned.find((p) => !isHealthy(p));
  // OrderedReady is "monotonic": it stops at the first pod it must wait for. Parallel bursts.
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const waitForAvailability = (pod: Pod): boolean => {
    if (isRunningAndAvailable(pod, minReadySeconds, now)) return false;
    if (minReadySeconds > 0) actions.requeueAfter(minReadySeconds * 1000);
    return true;
  };

  const processReplica = (pod: Pod): boolean => {
    if (isFailed(pod) || isSucceeded(pod)) {
      // Evicted or node-rebooted pods end Failed or Succeeded by their exit code: either way the identity is
      // restarted, once the old pod is gone from storage.
      actions.warn(
        isFailed(pod) ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod',
        `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating ${isFailed(pod) ? 'failed' : 'terminated'} Pod ${pod.metadata.name}`,
      );
      if (!isTerminating(pod)) actions.deletePod(pod, 'recreate');
      return true;
    }
    if (!isCreated(pod)) {
      actions.createPod(pod);
      return monotonic;
    }
    if (isPending(pod)) actions.createMissingClaims(pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (monotonic && waitForAvailability(pod)) return true;
    if (!identityMatches(set, pod)) actions.updateIdentity(pod);
    return false;
  };

  const processCondemned = (pod: Pod): boolean => {
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy) {
      if (!isRunningAndReady(pod)) return true;
      if (waitForAvailability(pod)) return true;
    }
    actions.deletePod(pod, 'scale');
    return true;
  };

  if (runForAll(replicas, processReplica, monotonic)) return;
  if (runForAll(condemned, processCondemned, monotonic)) return;
  if (set.spec.updateStrategy?.type === 'OnDelete') return;
  rollingUpdate(options, replicas);
}

/** runForAll: in order, stopping at the first pod that says to, when monotonic; every pod otherwise. */
function runForAll(pods: Pod[], fn: (pod: Pod) => boolean, monotonic: boolean): boolean {
  for (const pod of pods) {
    const exit = fn(pod);
    if (exit && monotonic) return true;
  }
  return false;
}

/**
 * The RollingUpdate phase. With MaxUnavailableStatefulSet off (v1.32's default) one pod at a time: from the highest
 * ordinal down to the partition, delete the first one not at the update revision, and stop at any unhealthy one.
 * With it on (updateStatefulSetAfterInvariantEstablished): count unhealthy replicas in the whole range and delete
 * up to maxUnavailable minus that many outdated pods, highest ordinals first.
 */
function rollingUpdate(options: UpdateStatefulSetOptions, replicas: Pod[]): void {
  const { set, update, actions } = options;
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  // Partition counts pods from the start ordinal: it is an index into the replicas.
  const updateMin = Math.max(0, partition);
  const outdated = (pod: Pod) => revisionOf(pod) !== update.metadata.name && !isTerminating(pod);
  if (!options.honourMaxUnavailable) {
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (outdated(pod)) {
        actions.deletePod(pod, 'update');
        return;
      }
      if (!isHealthy(pod)) return;
    }
    return;
  }
  const maxUnavailable = maxUnavailableOf(set, replicas.length);
  const unavailable = replicas.filter((p) => !isHealthy(p)).length;
  if (unavailable >= maxUnavailable) return;
  let budget = maxUnavailable - unavailable;
  for (let target = replicas.length - 1; target >= updateMin && budget > 0; target--) {
    const pod = replicas[target]!;
    if (!outdated(pod)) continue;
    actions.deletePod(pod, 'update');
    budget--;
  }
}

/**
 * newVersionedStatefulSetPod: below the partition (or, with no rollingUpdate block, below currentReplicas) a missing
 * pod is recreated from the current revision; otherwise — and always with OnDelete — from the update revision.
 */
function newVersionedPod(options: UpdateStatefulSetOptions, ordinal: number): Pod {
  const { set, current, update } = options;
  const strategy = set.spec.updateStrategy;
  const start = startOrdinal(set);
  const rollingUpdate = strategy?.type !== 'OnDelete';
  const keepCurrent =
    (rollingUpdate && strategy?.rollingUpdate === undefined && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  const revision = keepCurrent ? current : update;
  return newStatefulSetPod({ set, template: templateOf(revision), revision: revision.metadata.name!, ordinal });
}
