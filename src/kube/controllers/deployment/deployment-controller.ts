import { rfc3339 } from '../../../clock/index.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import { claim } from '../replicaset/controller-ref.ts';
import type { Pod, ReplicaSet } from '../replicaset/types.ts';
import { keyFor, splitKey } from '../replicaset/types.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { controllerOf } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { cleanupDeployment } from './cleanup.ts';
import { getCondition, newCondition, setCondition } from './conditions.ts';
import { replicaSetsAndSyncRevision } from './new-replica-set.ts';
import { rolloutRecreate } from './recreate.ts';
import { active } from './replica-sets.ts';
import { rolloutRolling } from './rolling.ts';
import { scale } from './scale.ts';
import { syncDeploymentStatus } from './status.ts';
import { COMPONENT, record, type SyncState, writeStatus } from './sync-context.ts';
import type { Deployment } from './types.ts';
import { DESIRED_REPLICAS, desiredReplicas, hasProgressDeadline } from './types.ts';

const CONTROLLER_INDEX = 'controller';

/**
 * The Deployment controller (K: pkg/controller/deployment/deployment_controller.go and sync.go): owns ReplicaSets by
 * controllerRef, rolls out template changes (RollingUpdate or Recreate), scales proportionally, honours pause, keeps
 * revisions and history, and reports Available/Progressing. Pods are the ReplicaSet controller's business.
 */
export function startDeploymentController(ctx: ControllerContext): void {
  const { api, clock, events, signal } = ctx;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(COMPONENT) });
  const deployments = new Informer<Deployment>(api, 'apps/v1', 'Deployment');
  const replicaSets = new Informer<ReplicaSet>(api, 'apps/v1', 'ReplicaSet').addIndex(
    CONTROLLER_INDEX,
    byControllerUid,
  );
  const pods = new Informer<Pod>(api, 'v1', 'Pod');

  deployments.on({
    added: (d) => queue.add(keyFor(d)),
    updated: (_, d) => queue.add(keyFor(d)),
    deleted: (d) => queue.add(keyFor(d)),
  });
  replicaSets.on({
    added: (rs) => enqueueFor(rs),
    updated: (previous, rs) => {
      const before = controllerOf(previous);
      if (before && before.uid !== controllerOf(rs)?.uid) {
        const old = ownerOf(previous);
        if (old) queue.add(keyFor(old));
      }
      enqueueFor(rs);
    },
    deleted: (rs) => {
      const owner = ownerOf(rs);
      if (owner) queue.add(keyFor(owner));
    },
  });
  pods.on({
    // A Recreate rollout waits for the last old pod to go (deployment_controller.go deletePod).
    deleted: (pod) => {
      const rs = replicaSets.get(pod.metadata.namespace, controllerOf(pod)?.name ?? '');
      const d = rs && ownerOf(rs);
      if (d && d.spec.strategy?.type === 'Recreate') queue.add(keyFor(d));
    },
  });
  deployments.start(signal);
  replicaSets.start(signal);
  pods.start(signal);

  function ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = deployments.get(rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  /** A controlled ReplicaSet wakes its owner; an orphan wakes every Deployment that could adopt it. */
  function enqueueFor(rs: ReplicaSet): void {
    if (controllerOf(rs)) {
      const owner = ownerOf(rs);
      if (owner) queue.add(keyFor(owner));
      return;
    }
    for (const d of deployments.list(rs.metadata.namespace)) {
      try {
        const selector = labelSelectorFromObject(d.spec.selector);
        if (!selector.empty && selector.matches(rs.metadata.labels ?? {})) queue.add(keyFor(d));
      } catch {
        // An invalid selector adopts nothing.
      }
    }
  }

  function sync(key: string): void {
    const { namespace, name } = splitKey(key);
    const found = deployments.get(namespace, name);
    if (!found) return;
    const s: SyncState = {
      api,
      clock,
      events,
      d: found,
      enqueueAfter: (ms) => queue.addAfter(key, ms),
      enqueueRateLimited: () => queue.addRateLimited(key),
    };
    const selector = labelSelectorFromObject(s.d.spec.selector);
    if (selector.empty) {
      record(s, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((s.d.status?.observedGeneration ?? 0) < (s.d.metadata.generation ?? 0)) {
        writeStatus(s, { ...(s.d.status ?? {}), observedGeneration: s.d.metadata.generation ?? 0 });
      }
      return;
    }
    let owned = claim({
      api,
      owner: s.d,
      selector,
      candidates: replicaSets.list(namespace),
      fieldManager: 'kube-controller-manager',
    });
    if (s.d.metadata.deletionTimestamp) {
      const { newRS, old } = replicaSetsAndSyncRevision(s, owned, false);
      syncDeploymentStatus(s, [...old, ...(newRS ? [newRS] : [])], newRS);
      return;
    }
    checkPausedConditions(s);
    if (s.d.spec.paused) {
      syncScaleOrPaused(s, owned);
      return;
    }
    const scaling = isScalingEvent(s, owned);
    // That pass may have annotated the new ReplicaSet: continue with the informer's current copies.
    owned = owned.map((rs) => replicaSets.get(namespace, rs.metadata.name!) ?? rs);
    if (scaling) {
      syncScaleOrPaused(s, owned);
      return;
    }
    if (s.d.spec.strategy?.type === 'Recreate') {
      rolloutRecreate(s, owned, podsByOwner(s.d, owned, selector));
      return;
    }
    rolloutRolling(s, owned);
  }

  /** Pods the selector matches, grouped by the owned ReplicaSet controlling them (getPodMapForDeployment). */
  function podsByOwner(d: Deployment, owned: ReplicaSet[], selector: ReturnType<typeof labelSelectorFromObject>) {
    const uids = new Set(owned.map((rs) => rs.metadata.uid!));
    const map = new Map<string, Pod[]>(owned.map((rs) => [rs.metadata.uid!, []]));
    for (const pod of pods.list(d.metadata.namespace)) {
      const ref = controllerOf(pod);
      if (!ref || !uids.has(ref.uid) || !selector.matches(pod.metadata.labels ?? {})) continue;
      map.get(ref.uid)!.push(pod);
    }
    return map;
  }
}

/**
 * Pausing and resuming set Progressing Unknown (DeploymentPaused / DeploymentResumed), so time spent paused never
 * counts against the progress deadline; a reported timeout is kept (sync.go checkPausedConditions).
 */
function checkPausedConditions(s: SyncState): void {
  if (!hasProgressDeadline(s.d)) return;
  const conditions = s.d.status?.conditions ?? [];
  const current = getCondition(conditions, 'Progressing');
  if (current?.reason === 'ProgressDeadlineExceeded') return;
  const pausedShown = current?.reason === 'DeploymentPaused';
  const now = rfc3339(s.clock);
  let next = conditions;
  if (s.d.spec.paused && !pausedShown) {
    next = setCondition(
      conditions,
      newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now),
    );
  } else if (!s.d.spec.paused && pausedShown) {
    next = setCondition(
      conditions,
      newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now),
    );
  } else {
    return;
  }
  writeStatus(s, { ...(s.d.status ?? {}), conditions: next });
}

/** Replicas changed since the active ReplicaSets were annotated with desired-replicas (sync.go isScalingEvent). */
function isScalingEvent(s: SyncState, owned: ReplicaSet[]): boolean {
  const { newRS, old } = replicaSetsAndSyncRevision(s, owned, false);
  return active([...old, newRS]).some((rs) => {
    const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
    return desired !== undefined && Number.parseInt(desired, 10) !== desiredReplicas(s.d);
  });
}

/** Scaling and paused Deployments: resize without rolling out; a paused one also trims history (sync.go sync). */
function syncScaleOrPaused(s: SyncState, owned: ReplicaSet[]): void {
  const { newRS, old } = replicaSetsAndSyncRevision(s, owned, false);
  scale(s, newRS, old);
  if (s.d.spec.paused) cleanupDeployment(s, old);
  // Sizes changed above: read them back from the API so the status counts what was just written.
  const fresh = (rs: ReplicaSet) =>
    (s.api.get('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!) as ReplicaSet | undefined) ?? rs;
  syncDeploymentStatus(s, [...old, ...(newRS ? [newRS] : [])].map(fresh), newRS && fresh(newRS));
}
