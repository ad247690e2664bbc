import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasOf, timeOf } from '../replicaset/types.ts';
import { equalIgnoringHash } from './pod-template-hash.ts';
import type { Deployment } from './types.ts';
import { REVISION } from './types.ts';

/** Older first, then by name (K: controller_utils.go ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = timeOf(a.metadata.creationTimestamp);
  const tb = timeOf(b.metadata.creationTimestamp);
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** Larger first; equal sizes newer first (ReplicaSetsBySizeNewer, for proportional scale-up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(b, a);
}

/** Larger first; equal sizes older first (ReplicaSetsBySizeOlder, for proportional scale-down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreation(a, b);
}

/** Lower revision first, then older (deployment_util.go ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  return revisionOf(a) - revisionOf(b) || byCreation(a, b);
}

export function revisionOf(rs: ReplicaSet): number {
  const value = rs.metadata.annotations?.[REVISION];
  const n = value === undefined ? 0 : Number.parseInt(value, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function maxRevision(sets: ReplicaSet[]): number {
  return Math.max(0, ...sets.map(revisionOf));
}

/** Spec replicas above 0 (FilterActiveReplicaSets). */
export function active(sets: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return sets.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

/** Σ spec.replicas (GetReplicaCountForReplicaSets). */
export function specReplicas(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs ? replicasOf(rs) : 0), 0);
}

/** Σ status.replicas (GetActualReplicaCountForReplicaSets). */
export function actualReplicas(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.replicas ?? 0), 0);
}

export function readyReplicas(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.readyReplicas ?? 0), 0);
}

export function availableReplicas(sets: (ReplicaSet | undefined)[]): number {
  return sets.reduce((sum, rs) => sum + (rs?.status?.availableReplicas ?? 0), 0);
}

/**
 * The new ReplicaSet is the oldest whose template equals the Deployment's, ignoring the hash label; every other one
 * is old (deployment_util.go FindNewReplicaSet, FindOldReplicaSets). Comparing templates rather than names is what
 * makes a rollback reuse the ReplicaSet of that revision.
 */
export function splitReplicaSets(d: Deployment, sets: ReplicaSet[]): { newRS?: ReplicaSet; old: ReplicaSet[] } {
  const sorted = [...sets].sort(byCreation);
  const newRS = sorted.find((rs) => equalIgnoringHash(rs.spec.template, d.spec.template));
  return { ...(newRS ? { newRS } : {}), old: sorted.filter((rs) => rs !== newRS) };
}
