import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasOf } from '../replicaset/types.ts';
import { scaledValue } from './fenceposts.ts';
import { specReplicas } from './replica-sets.ts';
import type { Deployment } from './types.ts';
import { desiredReplicas, isRollingUpdate } from './types.ts';

/**
 * How far the new ReplicaSet may grow now: up to replicas + maxSurge pods in all ReplicaSets together, never past
 * the desired replicas; Recreate goes straight to the desired replicas (deployment_util.go NewRSNewReplicas).
 */
export function newReplicasForNewRS(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d)) return desired;
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, desired, true);
  const current = specReplicas(all);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, desired - replicasOf(newRS));
}
