import { formatTime } from '../../../clock/index.ts';
import { canonicalJson } from '../../../json/json-equal.ts';
import type { Condition, ReplicaSet } from '../replicaset/types.ts';
import { timeOf } from '../replicaset/types.ts';
import { getCondition, newCondition, removeCondition, setCondition } from './conditions.ts';
import { maxUnavailable } from './fenceposts.ts';
import { actualReplicas, availableReplicas, readyReplicas, specReplicas } from './replica-sets.ts';
import { type SyncState, writeStatus } from './sync-context.ts';
import type { Deployment, DeploymentStatus } from './types.ts';
import { desiredReplicas, hasProgressDeadline } from './types.ts';

/**
 * Counts summed over the ReplicaSets, and Available True while available ≥ replicas − maxUnavailable
 * (K: pkg/controller/deployment/sync.go calculateStatus). unavailableReplicas is Σ spec.replicas − available,
 * as the source computes it, floored at 0.
 */
export function calculateStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, now: number) {
  const available = availableReplicas(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  let conditions = [...(d.status?.conditions ?? [])];
  const at = formatTime(now);
  conditions =
    available >= desiredReplicas(d) - maxUnavailable(d)
      ? setCondition(
          conditions,
          newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', at),
        )
      : setCondition(
          conditions,
          newCondition(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
            at,
          ),
        );
  status.conditions = conditions;
  return status;
}

/** Status without estimating progress: scaling events and paused Deployments (sync.go syncDeploymentStatus). */
export function syncDeploymentStatus(s: SyncState, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const next = calculateStatus(s.d, all, newRS, s.clock.now());
  if (sameStatus(s.d.status, next)) return;
  writeStatus(s, next);
}

/** deployment_util.go DeploymentComplete. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const desired = desiredReplicas(d);
  return (
    (status?.updatedReplicas ?? 0) === desired &&
    (status?.replicas ?? 0) === desired &&
    (status?.availableReplicas ?? 0) === desired &&
    (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** Any of: more updated, fewer old, more ready, more available (deployment_util.go DeploymentProgressing). */
function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const before = d.status ?? {};
  const oldBefore = (before.replicas ?? 0) - (before.updatedReplicas ?? 0);
  const oldAfter = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (before.updatedReplicas ?? 0) ||
    oldAfter < oldBefore ||
    (next.readyReplicas ?? 0) > (before.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (before.availableReplicas ?? 0)
  );
}

/** lastUpdateTime + progressDeadlineSeconds strictly before now (deployment_util.go DeploymentTimedOut). */
function deploymentTimedOut(d: Deployment, next: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(next.conditions, 'Progressing');
  if (!condition || condition.reason === 'NewReplicaSetAvailable') return false;
  if (condition.reason === 'ProgressDeadlineExceeded') return true;
  return timeOf(condition.lastUpdateTime) + d.spec.progressDeadlineSeconds! * 1000 < now;
}

/**
 * Status with the Progressing condition estimated: NewReplicaSetAvailable when complete, ReplicaSetUpdated (a new
 * lastUpdateTime) on any progress, ProgressDeadlineExceeded once the deadline passed without any; ReplicaFailure
 * copied from the ReplicaSets, the new one's first (K: pkg/controller/deployment/progress.go syncRolloutStatus).
 */
export function syncRolloutStatus(s: SyncState, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const d = s.d;
  const now = s.clock.now();
  const at = formatTime(now);
  const next = calculateStatus(d, all, newRS, now);
  let conditions = next.conditions ?? [];
  if (!hasProgressDeadline(d)) conditions = removeCondition(conditions, 'Progressing');
  next.conditions = conditions;
  const current = getCondition(d.status?.conditions, 'Progressing');
  const complete = next.replicas === next.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, next)) {
      const c = newCondition(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `${subject} has successfully progressed.`,
        at,
      );
      conditions = setCondition(conditions, c);
    } else if (deploymentProgressing(d, next)) {
      const c: Condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`, at);
      // Progress refreshes lastUpdateTime even when the reason stays the same, so the deadline restarts.
      if (current) {
        if (current.status === 'True' && current.lastTransitionTime) c.lastTransitionTime = current.lastTransitionTime;
        conditions = removeCondition(conditions, 'Progressing');
      }
      conditions = setCondition(conditions, c);
    } else if (deploymentTimedOut(d, { ...next, conditions }, now)) {
      const c = newCondition(
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        `${subject} has timed out progressing.`,
        at,
      );
      conditions = setCondition(conditions, c);
    }
  }
  const failure = replicaFailure(all, newRS);
  conditions = failure ? setCondition(conditions, failure) : removeCondition(conditions, 'ReplicaFailure');
  next.conditions = conditions;
  if (sameStatus(d.status, next)) {
    requeueStuck(s, next, now);
    return;
  }
  writeStatus(s, next);
}

function replicaFailure(all: ReplicaSet[], newRS: ReplicaSet | undefined): Condition | undefined {
  const find = (rs: ReplicaSet | undefined) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const c = find(newRS) ?? all.map(find).find(Boolean);
  if (!c) return undefined;
  const { type, status, lastTransitionTime, reason, message } = c;
  return { type, status, lastUpdateTime: lastTransitionTime, lastTransitionTime, reason, message } as Condition;
}

/**
 * A rollout with no progress to report is looked at again when its deadline passes (plus a second against
 * timestamp truncation), or right away rate-limited when under a second is left (progress.go requeueStuckDeployment).
 */
function requeueStuck(s: SyncState, next: DeploymentStatus, now: number): void {
  const d = s.d;
  const current = getCondition(d.status?.conditions, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, next) || current.reason === 'ProgressDeadlineExceeded') return;
  const after = timeOf(current.lastUpdateTime) + d.spec.progressDeadlineSeconds! * 1000 - now;
  if (after < 1000) s.enqueueRateLimited();
  else s.enqueueAfter(after + 1000);
}

function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return canonicalJson(normalize(a ?? {})) === canonicalJson(normalize(b));
}

function normalize(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (v === 0 || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}
