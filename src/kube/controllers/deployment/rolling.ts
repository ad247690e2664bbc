import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasOf } from '../replicaset/types.ts';
import { cleanupDeployment } from './cleanup.ts';
import { maxUnavailable } from './fenceposts.ts';
import { replicaSetsAndSyncRevision } from './new-replica-set.ts';
import { active, availableReplicas, byCreation, specReplicas } from './replica-sets.ts';
import { newReplicasForNewRS } from './rolling-math.ts';
import { scaleTo } from './scale.ts';
import { deploymentComplete, syncRolloutStatus } from './status.ts';
import type { SyncState } from './sync-context.ts';
import { desiredReplicas } from './types.ts';

/**
 * One step of a rolling update: grow the new ReplicaSet within maxSurge, else shrink the old ones within
 * maxUnavailable, else (when complete) trim history; then status (K: pkg/controller/deployment/rolling.go).
 */
export function rolloutRolling(s: SyncState, owned: ReplicaSet[]): void {
  const { newRS, old } = replicaSetsAndSyncRevision(s, owned, true);
  const all = [...old, newRS!];
  const grown = reconcileNewReplicaSet(s, all, newRS!);
  if (grown.scaled) {
    syncRolloutStatus(s, [...old, grown.rs], grown.rs);
    return;
  }
  const shrunk = reconcileOldReplicaSets(s, all, active(old), newRS!);
  if (shrunk.scaled) {
    const byUid = new Map(shrunk.old.map((rs) => [rs.metadata.uid, rs]));
    const current = old.map((rs) => byUid.get(rs.metadata.uid) ?? rs);
    syncRolloutStatus(s, [...current, newRS!], newRS);
    return;
  }
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, old);
  syncRolloutStatus(s, all, newRS);
}

function reconcileNewReplicaSet(s: SyncState, all: ReplicaSet[], newRS: ReplicaSet) {
  const desired = desiredReplicas(s.d);
  if (replicasOf(newRS) === desired) return { scaled: false, rs: newRS };
  if (replicasOf(newRS) > desired) return scaleTo(s, newRS, desired);
  return scaleTo(s, newRS, newReplicasForNewRS(s.d, all, newRS));
}

/**
 * Old pods go only while enough stay available: at most all − (replicas − maxUnavailable) − (new RS pods not yet
 * available); unhealthy old replicas go first so they cannot block the rollout (kubernetes#16737).
 */
function reconcileOldReplicaSets(s: SyncState, all: ReplicaSet[], oldActive: ReplicaSet[], newRS: ReplicaSet) {
  const none = { scaled: false, old: oldActive };
  if (specReplicas(oldActive) === 0) return none;
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return none;
  const cleaned = cleanupUnhealthyReplicas(s, oldActive, maxScaledDown);
  const scaledDown = scaleDownOldForRollingUpdate(s, [...cleaned.old, newRS], cleaned.old);
  return { scaled: cleaned.count + scaledDown > 0, old: cleaned.old };
}

function cleanupUnhealthyReplicas(s: SyncState, oldActive: ReplicaSet[], maxCleanup: number) {
  const old = [...oldActive].sort(byCreation);
  let total = 0;
  for (let i = 0; i < old.length; i++) {
    const rs = old[i]!;
    if (total >= maxCleanup) break;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    old[i] = scaleTo(s, rs, replicasOf(rs) - count).rs;
    total += count;
  }
  return { old, count: total };
}

function scaleDownOldForRollingUpdate(s: SyncState, all: ReplicaSet[], old: ReplicaSet[]): number {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableReplicas(all);
  if (available <= minAvailable) return 0;
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of [...old].sort(byCreation)) {
    if (total >= toScaleDown) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), toScaleDown - total);
    scaleTo(s, rs, replicasOf(rs) - count);
    total += count;
  }
  return total;
}
