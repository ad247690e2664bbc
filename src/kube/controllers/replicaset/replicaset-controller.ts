import { messageOf } from '../../../errors.ts';
import { ApiError } from '../../apiserver/api-error.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { controllerOf } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { claim } from './controller-ref.ts';
import { Expectations } from './expectations.ts';
import { isPodActive, isPodReady } from './pod-state.ts';
import { podFromTemplate } from './pod-template.ts';
import { calculateStatus, statusUnchanged } from './replicaset-status.ts';
import { slowStartBatch } from './slow-start.ts';
import type { Pod, ReplicaSet } from './types.ts';
import { keyFor, replicasOf, splitKey } from './types.ts';
import { podsToDelete } from './victim-order.ts';

const COMPONENT = 'replicaset-controller';
const SOURCE = { component: COMPONENT };
/** At most this many creates or deletes per sync (K: replica_set.go BurstReplicas). */
const BURST_REPLICAS = 500;
const CONTROLLER_INDEX = 'controller';

/**
 * The ReplicaSet controller (K: pkg/controller/replicaset/replica_set.go): keeps `spec.replicas` active pods that
 * match the selector, adopting orphans and releasing pods that stopped matching, creating in slow-start batches and
 * deleting the cheapest pods first; writes status with readiness and availability after minReadySeconds.
 */
export function startReplicaSetController(ctx: ControllerContext): void {
  const { api, clock, events, signal } = ctx;
  const expectations = new Expectations(clock);
  /** Keys whose creates were put off once behind a sibling's scale-down (see scaleDownsFirst). */
  const deferred = new Set<string>();
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(COMPONENT) });
  const replicaSets = new Informer<ReplicaSet>(api, 'apps/v1', 'ReplicaSet').addIndex(
    CONTROLLER_INDEX,
    byControllerUid,
  );
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex(CONTROLLER_INDEX, byControllerUid);

  replicaSets.on({
    added: (rs) => queue.add(keyFor(rs)),
    updated: (_, rs) => queue.add(keyFor(rs)),
    deleted: (rs) => queue.add(keyFor(rs)),
  });
  pods.on({
    added: (pod) => {
      if (pod.metadata.deletionTimestamp) return podGone(pod);
      const owner = ownerOf(pod);
      if (owner) {
        expectations.creationObserved(keyFor(owner));
        queue.add(keyFor(owner));
      } else {
        for (const rs of matchingReplicaSets(pod)) queue.add(keyFor(rs));
      }
    },
    updated: (previous, pod) => {
      if (previous.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      const labelsChanged = JSON.stringify(previous.metadata.labels) !== JSON.stringify(pod.metadata.labels);
      if (pod.metadata.deletionTimestamp) {
        // A pod being deleted is as good as gone: its owner replaces it now, not after its grace period.
        podGone(pod);
        if (labelsChanged) podGone(previous);
        return;
      }
      const before = controllerOf(previous);
      const after = controllerOf(pod);
      if (before && before.uid !== after?.uid) {
        const old = ownerOf(previous);
        if (old) queue.add(keyFor(old));
      }
      const owner = ownerOf(pod);
      if (owner) {
        queue.add(keyFor(owner));
        const minReady = owner.spec.minReadySeconds ?? 0;
        // Re-check availability once minReadySeconds have passed; the extra second absorbs timestamp truncation
        // (K: replica_set.go updatePod, kubernetes#39785).
        if (!isPodReady(previous) && isPodReady(pod) && minReady > 0)
          queue.addAfter(keyFor(owner), minReady * 1000 + 1000);
        return;
      }
      if (labelsChanged || before) for (const rs of matchingReplicaSets(pod)) queue.add(keyFor(rs));
    },
    deleted: (pod) => podGone(pod),
  });

  replicaSets.start(signal);
  pods.start(signal);

  function podGone(pod: Pod): void {
    const owner = ownerOf(pod);
    if (!owner) return;
    expectations.deletionObserved(keyFor(owner), keyFor(pod));
    queue.add(keyFor(owner));
  }

  /** The ReplicaSet a controller reference names, if it is that very object (uid), else undefined. */
  function ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return undefined;
    const rs = replicaSets.get(pod.metadata.namespace, ref.name);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  function matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return replicaSets.list(pod.metadata.namespace).filter((rs) => {
      try {
        const selector = labelSelectorFromObject(rs.spec.selector);
        return !selector.empty && selector.matches(pod.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
  }

  function sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const rs = replicaSets.get(namespace, name);
    if (!rs) {
      expectations.delete(key);
      return;
    }
    const needsSync = expectations.satisfied(key);
    const selector = labelSelectorFromObject(rs.spec.selector);
    const active = pods.list(namespace).filter(isPodActive);
    const owned = claim({ api, owner: rs, selector, candidates: active, fieldManager: 'kube-controller-manager' });
    if (needsSync && owned.length < replicasOf(rs) && scaleDownsFirst(key, rs)) return;
    let failure: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        manageReplicas(key, rs, owned);
      } catch (error) {
        failure = error;
      }
    }
    const updated = writeStatus(rs, owned, failure);
    if (failure !== undefined) throw failure;
    const minReady = updated.spec.minReadySeconds ?? 0;
    const status = updated.status;
    if (
      minReady > 0 &&
      (status?.readyReplicas ?? 0) === replicasOf(updated) &&
      (status?.availableReplicas ?? 0) !== replicasOf(updated)
    ) {
      queue.addAfter(key, minReady * 1000);
    }
  }

  /**
   * Before creating, let the other ReplicaSets of the same owner that hold more pods than they should delete theirs
   * first: a Deployment scales its old ReplicaSet down in the step before it scales the new one up, and this keeps
   * the pods in that order, so a rollout never has more than replicas + maxSurge active pods at any instant. Real
   * kube-controller-manager runs several workers and makes no such promise; the gap there is milliseconds. Each key
   * is put off at most once in a row, so a sibling that cannot delete never blocks it.
   */
  function scaleDownsFirst(key: string, rs: ReplicaSet): boolean {
    if (deferred.delete(key)) return false;
    const owner = controllerOf(rs);
    if (!owner) return false;
    const surplus = replicaSets
      .byIndex(CONTROLLER_INDEX, owner.uid)
      .filter(
        (sibling) =>
          sibling.metadata.uid !== rs.metadata.uid &&
          !sibling.metadata.deletionTimestamp &&
          expectations.satisfied(keyFor(sibling)) &&
          pods.byIndex(CONTROLLER_INDEX, sibling.metadata.uid!).filter(isPodActive).length > replicasOf(sibling),
      );
    if (surplus.length === 0) return false;
    for (const sibling of surplus) queue.add(keyFor(sibling));
    deferred.add(key);
    queue.add(key);
    return true;
  }

  function manageReplicas(key: string, rs: ReplicaSet, owned: Pod[]): void {
    const diff = owned.length - replicasOf(rs);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, count);
      const { successes, error } = slowStartBatch(count, 1, () => createPod(rs));
      // Pods never attempted (or failed) will not show up in the informer: stop waiting for them.
      for (let i = successes; i < count; i++) expectations.creationObserved(key);
      if (error !== undefined) throw error;
    } else if (diff > 0) {
      const count = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(owned, relatedPods(rs), count, clock.now());
      expectations.expectDeletions(
        key,
        victims.map((p) => keyFor(p)),
      );
      let firstError: unknown;
      for (const pod of victims) {
        try {
          deletePod(rs, pod);
        } catch (error) {
          expectations.deletionObserved(key, keyFor(pod));
          firstError ??= error;
        }
      }
      if (firstError !== undefined) throw firstError;
    }
  }

  function createPod(rs: ReplicaSet): void {
    try {
      const pod = api.create(podFromTemplate(rs.spec.template, rs));
      events.record(rs, SOURCE, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (error) {
      // A terminating namespace refuses every create: nothing to report (K: replica_set.go manageReplicas).
      if (error instanceof ApiError && error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return;
      events.record(rs, SOURCE, 'Warning', 'FailedCreate', `Error creating: ${messageOf(error)}`);
      throw new Error(`unable to create pods: ${messageOf(error)}`, { cause: error });
    }
  }

  function deletePod(rs: ReplicaSet, pod: Pod): void {
    try {
      const gone = api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, {
        preconditions: { uid: pod.metadata.uid! },
      });
      if (!gone) return;
      events.record(rs, SOURCE, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (error) {
      events.record(rs, SOURCE, 'Warning', 'FailedDelete', `Error deleting: ${messageOf(error)}`);
      throw new Error(`unable to delete pods: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Pods of every ReplicaSet with the same controller (one Deployment's), for the same-node ranking. */
  function relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    const family = owner ? replicaSets.byIndex(CONTROLLER_INDEX, owner.uid) : [rs];
    return family.flatMap((member) => pods.byIndex(CONTROLLER_INDEX, member.metadata.uid!));
  }

  function writeStatus(rs: ReplicaSet, owned: Pod[], failure: unknown): ReplicaSet {
    const next = calculateStatus(rs, owned, failure, clock.now());
    if (statusUnchanged(rs, next)) return rs;
    next.observedGeneration = rs.metadata.generation ?? 0;
    try {
      return api.update({ ...rs, status: next }, { subresource: 'status' }) as ReplicaSet;
    } catch (error) {
      // One retry against a fresh copy, as updateReplicaSetStatus does (statusUpdateRetries = 1).
      if (!(error instanceof ApiError && error.status === 409)) throw error;
      const fresh = api.get('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!) as
        | ReplicaSet
        | undefined;
      if (!fresh || fresh.metadata.uid !== rs.metadata.uid) return rs;
      return api.update(
        { ...fresh, status: { ...next, observedGeneration: fresh.metadata.generation ?? 0 } },
        {
          subresource: 'status',
        },
      ) as ReplicaSet;
    }
  }
}
