import { jsonEqual } from '../../../json/json-equal.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import { clone, type Pod } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { controllerOf, newControllerRef } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { createMissingClaims, SOURCE } from './claims.ts';
import { updateStatefulSet } from './control.ts';
import { truncateHistory } from './history.ts';
import { isMemberOf, revisionOf, withIdentityLabels } from './identity.ts';
import { statefulSetRevisions } from './revisions.ts';
import { computeStatus } from './status.ts';
import type { ControllerRevision, StatefulSet } from './types.ts';

const MANAGER = 'statefulset-controller';

export interface StatefulSetControllerOptions {
  /**
   * Honour spec.updateStrategy.rollingUpdate.maxUnavailable (feature gate MaxUnavailableStatefulSet, alpha and off in
   * v1.32, so a real v1.32 cluster replaces one pod at a time whatever the field says). Default false.
   */
  maxUnavailableStatefulSet?: boolean;
}

/**
 * The StatefulSet controller (K: pkg/controller/statefulset/stateful_set.go and stateful_set_control.go, v1.32): stable
 * pod identities <set>-<ordinal>, claims from volumeClaimTemplates, ControllerRevisions for the current and update
 * revisions, OrderedReady or Parallel pod management, RollingUpdate with partition or OnDelete, and status.
 * Not implemented: PVC retention policies other than Retain (no owner references on claims), adoption of orphan
 * ControllerRevisions, the stale-claim check of CreateStatefulPod.
 */
export function startStatefulSetController(ctx: ControllerContext, options: StatefulSetControllerOptions = {}): void {
  const { api, clock, signal, events } = ctx;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const sets = new Informer<StatefulSet>(api, 'apps/v1', 'StatefulSet').addIndex('uid', (s) => [s.metadata.uid!]);
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('owner', byControllerUid);
  const revisions = new Informer<ControllerRevision>(api, 'apps/v1', 'ControllerRevision').addIndex(
    'owner',
    byControllerUid,
  );

  const enqueue = (s: StatefulSet) => queue.add(keyOf(s.metadata.namespace, s.metadata.name!));
  // A pod wakes its controller; an orphan wakes every set whose selector matches it (getPodStatefulSets).
  const enqueueForPod = (p: Pod) => {
    const owner = controllerOf(p);
    if (owner) {
      if (owner.kind !== 'StatefulSet') return;
      const set = sets.byIndex('uid', owner.uid)[0];
      if (set) enqueue(set);
      return;
    }
    for (const set of sets.list(p.metadata.namespace)) {
      if (selects(set, p)) enqueue(set);
    }
  };
  sets.on({ added: enqueue, updated: (_o, s) => enqueue(s) });
  pods.on({ added: enqueueForPod, updated: (_o, p) => enqueueForPod(p), deleted: enqueueForPod });
  sets.start(signal);
  pods.start(signal);
  revisions.start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const set = sets.get(namespace, name);
    if (!set) return;
    const owned = claimPods(set);
    const members = () => claimed(set).filter((p) => isMemberOf(set, p));
    const revs = statefulSetRevisions({
      api,
      set,
      revisions: revisions.byIndex('owner', set.metadata.uid!),
      fieldManager: MANAGER,
    });
    updateStatefulSet({
      set,
      current: revs.current,
      update: revs.update,
      pods: owned.filter((p) => isMemberOf(set, p)),
      now: clock.now(),
      honourMaxUnavailable: options.maxUnavailableStatefulSet ?? false,
      actions: {
        createPod: (pod) => createPod(set, pod),
        createMissingClaims: (pod) => createMissingClaims({ api, events, set, pod, fieldManager: MANAGER }),
        updateIdentity: (pod) => {
          api.update(withIdentityLabels(pod), { fieldManager: MANAGER });
          podEvent(set, 'update', pod);
        },
        deletePod: (pod) => {
          api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, {
            preconditions: { uid: pod.metadata.uid! },
          });
          podEvent(set, 'delete', pod);
        },
        warn: (reason, message) => events.record(set, SOURCE, 'Warning', reason, message),
        requeueAfter: (ms) => queue.addAfter(key, ms),
      },
    });
    const now = clock.now();
    const current = members();
    const status = computeStatus({
      set,
      pods: current,
      currentRevision: revs.current.metadata.name!,
      updateRevision: revs.update.metadata.name!,
      collisionCount: revs.collisionCount,
      now,
    });
    const latest = sets.get(namespace, name) ?? set;
    if (!jsonEqual(latest.status ?? {}, status)) {
      api.update({ ...clone(latest), status }, { subresource: 'status', fieldManager: MANAGER });
    }
    const live = new Set([status.currentRevision!, status.updateRevision!]);
    for (const pod of current) {
      const revision = revisionOf(pod);
      if (revision) live.add(revision);
    }
    truncateHistory({
      api,
      revisions: revisions.byIndex('owner', set.metadata.uid!),
      live,
      limit: set.spec.revisionHistoryLimit ?? 10,
    });
  }

  function claimed(set: StatefulSet): Pod[] {
    return pods.byIndex('owner', set.metadata.uid!);
  }

  /**
   * ClaimPods (K: pkg/controller/controller_ref_manager.go): adopts orphans the selector matches (not while the set is
   * being deleted) and releases owned pods it no longer matches.
   */
  function claimPods(set: StatefulSet): Pod[] {
    const result: Pod[] = [];
    for (const pod of claimed(set)) {
      if (selects(set, pod)) {
        result.push(pod);
        continue;
      }
      const released = clone(pod);
      released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
        (o) => o.uid !== set.metadata.uid,
      );
      api.update(released, { fieldManager: MANAGER });
    }
    if (set.metadata.deletionTimestamp) return result;
    for (const pod of pods.list(set.metadata.namespace)) {
      if (pod.metadata.deletionTimestamp || pod.metadata.ownerReferences?.some((o) => o.controller)) continue;
      if (!selects(set, pod)) continue;
      const adopted = clone(pod);
      adopted.metadata.ownerReferences = [...(adopted.metadata.ownerReferences ?? []), newControllerRef(set)];
      result.push(api.update(adopted, { fieldManager: MANAGER }) as Pod);
    }
    return result;
  }

  /** CreateStatefulPod (stateful_pod_control.go): claims first, then the pod. */
  function createPod(set: StatefulSet, pod: Pod): void {
    createMissingClaims({ api, events, set, pod, fieldManager: MANAGER });
    try {
      api.create(pod, { fieldManager: MANAGER });
    } catch (error) {
      podEvent(set, 'create', pod, error);
      throw error;
    }
    podEvent(set, 'create', pod);
  }

  /** recordPodEvent: "create Pod web-0 in StatefulSet web successful", reason Successful<Verb> or Failed<Verb>. */
  function podEvent(set: StatefulSet, verb: 'create' | 'update' | 'delete', pod: Pod, error?: unknown): void {
    const title = verb[0]!.toUpperCase() + verb.slice(1);
    const base = `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`;
    if (error === undefined) events.record(set, SOURCE, 'Normal', `Successful${title}`, `${base} successful`);
    else events.record(set, SOURCE, 'Warning', `Failed${title}`, `${base} failed error: ${String(error)}`);
  }
}

function selects(set: StatefulSet, object: KubeObject): boolean {
  try {
    return labelSelectorFromObject(set.spec.selector).matches(object.metadata.labels ?? {});
  } catch {
    return false;
  }
}
