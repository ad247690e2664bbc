import type { Pod, ReplicaSet } from '../replicaset/types.ts';
import { replicasOf } from '../replicaset/types.ts';
import { cleanupDeployment } from './cleanup.ts';
import { replicaSetsAndSyncRevision } from './new-replica-set.ts';
import { active, actualReplicas } from './replica-sets.ts';
import { scaleTo } from './scale.ts';
import { deploymentComplete, syncRolloutStatus } from './status.ts';
import type { SyncState } from './sync-context.ts';
import { desiredReplicas } from './types.ts';

/**
 * Recreate: scale every old ReplicaSet to 0, wait until none of their pods is left running (terminating ones
 * included), and only then create or grow the new one (K: pkg/controller/deployment/recreate.go).
 * `podsByOwner` maps ReplicaSet uid → pods the Deployment's selector matches.
 */
export function rolloutRecreate(s: SyncState, owned: ReplicaSet[], podsByOwner: Map<string, Pod[]>): void {
  let { newRS, old } = replicaSetsAndSyncRevision(s, owned, false);
  let scaledDown = false;
  const current = old.map((rs) => {
    if (replicasOf(rs) === 0 || !active([rs]).length) return rs;
    const result = scaleTo(s, rs, 0);
    scaledDown ||= result.scaled;
    return result.rs;
  });
  if (scaledDown) {
    syncRolloutStatus(s, [...current, newRS].filter(isSet), newRS);
    return;
  }
  if (oldPodsRunning(newRS, old, podsByOwner)) {
    syncRolloutStatus(s, [...old, newRS].filter(isSet), newRS);
    return;
  }
  if (!newRS) ({ newRS, old } = replicaSetsAndSyncRevision(s, owned, true));
  scaleTo(s, newRS!, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status)) cleanupDeployment(s, old);
  syncRolloutStatus(s, [...old, newRS!], newRS);
}

function oldPodsRunning(newRS: ReplicaSet | undefined, old: ReplicaSet[], podsByOwner: Map<string, Pod[]>): boolean {
  if (actualReplicas(old) > 0) return true;
  for (const [uid, pods] of podsByOwner) {
    if (newRS && newRS.metadata.uid === uid) continue;
    // Succeeded and Failed pods no longer run; anything else (Unknown included) might.
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}

function isSet(rs: ReplicaSet | undefined): rs is ReplicaSet {
  return rs !== undefined;
}
