import type { ReplicaSet } from '../replicaset/types.ts';
import { maxSurge } from './fenceposts.ts';
import type { Deployment } from './types.ts';
import { DESIRED_REPLICAS, desiredReplicas, MAX_REPLICAS, REVISION, REVISION_HISTORY } from './types.ts';

/** Deployment annotations never copied to its ReplicaSets (deployment_util.go annotationsToSkip). */
const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** revision-history is capped at this many characters (sync.go maxRevHistoryLengthInChars). */
const MAX_HISTORY_CHARS = 2000;

/**
 * Copies the Deployment's annotations, raises the revision to `newRevision` when it is higher (a ReplicaSet brought
 * back by a rollback keeps its old numbers in revision-history) and, for a ReplicaSet about to be created, records
 * desired and max replicas; true when anything changed (deployment_util.go SetNewReplicaSetAnnotations). Mutates
 * `annotations`, which the caller owns.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  annotations: Record<string, string>,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIPPED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  const oldRevision = annotations[REVISION];
  // Compared as numbers; an unparsable revision counts as 0.
  if (oldRevision === undefined || (Number.parseInt(oldRevision, 10) || 0) < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
  }
  if (oldRevision !== undefined && changed && annotations[REVISION] !== oldRevision) {
    const history = annotations[REVISION_HISTORY];
    let next = history ? `${history},${oldRevision}` : oldRevision;
    while (next.length > MAX_HISTORY_CHARS && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
    annotations[REVISION_HISTORY] = next;
  }
  if (!exists && setReplicasAnnotations(annotations, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) {
    changed = true;
  }
  return changed;
}

/** desired-replicas and max-replicas; true when either changed (deployment_util.go SetReplicasAnnotations). */
export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS] !== String(desired)) {
    annotations[DESIRED_REPLICAS] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS] !== String(max)) {
    annotations[MAX_REPLICAS] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function annotatedNumber(rs: ReplicaSet, key: string): number | undefined {
  const value = rs.metadata.annotations?.[key];
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}
