import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasOf } from '../replicaset/types.ts';
import { annotatedNumber, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.ts';
import { maxSurge } from './fenceposts.ts';
import { active, byCreation, bySizeNewer, bySizeOlder, specReplicas } from './replica-sets.ts';
import { record, type SyncState } from './sync-context.ts';
import { DESIRED_REPLICAS, desiredReplicas, isRollingUpdate, MAX_REPLICAS } from './types.ts';

/**
 * Sets a ReplicaSet's size and its desired/max-replicas annotations; a size change is announced with a
 * ScalingReplicaSet event (K: pkg/controller/deployment/sync.go scaleReplicaSet).
 */
export function scaleReplicaSet(
  s: SyncState,
  rs: ReplicaSet,
  size: number,
  operation?: 'up' | 'down',
): { scaled: boolean; rs: ReplicaSet } {
  const desired = desiredReplicas(s.d);
  const max = desired + maxSurge(s.d);
  const oldSize = replicasOf(rs);
  const sizeChanged = oldSize !== size;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  setReplicasAnnotations(annotations, desired, max);
  const updated = s.api.update({
    ...rs,
    metadata: { ...rs.metadata, annotations },
    spec: { ...rs.spec, replicas: size },
  }) as ReplicaSet;
  if (sizeChanged) {
    const op = operation ?? (oldSize < size ? 'up' : 'down');
    record(
      s,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${op} replica set ${updated.metadata.name} from ${oldSize} to ${size}`,
    );
  }
  return { scaled: sizeChanged, rs: updated };
}

/** scaleReplicaSetAndRecordEvent: nothing to do when the size is already right. */
export function scaleTo(s: SyncState, rs: ReplicaSet, size: number): { scaled: boolean; rs: ReplicaSet } {
  if (replicasOf(rs) === size) return { scaled: false, rs };
  return scaleReplicaSet(s, rs, size);
}

/**
 * A Deployment whose replicas changed (or that is paused): one active ReplicaSet simply takes the new size; a
 * saturated new ReplicaSet leaves none to the old ones; otherwise the difference to replicas + maxSurge is shared out
 * in proportion to each active ReplicaSet's size, leftovers to the largest (K: sync.go scale, deployment_util.go
 * GetProportion, getReplicaSetFraction).
 */
export function scale(s: SyncState, newRS: ReplicaSet | undefined, old: ReplicaSet[]): void {
  const d = s.d;
  const desired = desiredReplicas(d);
  const single = activeOrLatest(newRS, old);
  if (single) {
    if (replicasOf(single) !== desired) scaleTo(s, single, desired);
    return;
  }
  if (isSaturated(s, newRS)) {
    for (const rs of active(old)) scaleTo(s, rs, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const sets = active([...old, newRS]);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(sets);
  let operation: 'up' | 'down' | undefined;
  if (toAdd > 0) {
    sets.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    sets.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of sets) {
    if (toAdd === 0) {
      sizes.set(rs, replicasOf(rs));
      continue;
    }
    const proportion = proportionOf(s, rs, toAdd, added);
    sizes.set(rs, replicasOf(rs) + proportion);
    added += proportion;
  }
  sets.forEach((rs, i) => {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    scaleReplicaSet(s, rs, size, operation);
  });
}

function proportionOf(s: SyncState, rs: ReplicaSet, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = fractionOf(s, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** The size this ReplicaSet would have at the new scale, minus its size now, rounded to nearest. */
function fractionOf(s: SyncState, rs: ReplicaSet): number {
  const d = s.d;
  if (desiredReplicas(d) === 0) return -replicasOf(rs);
  const maxNow = desiredReplicas(d) + maxSurge(d);
  let maxBefore = annotatedNumber(rs, MAX_REPLICAS) ?? 0;
  // No annotation (someone edited the ReplicaSet): fall back to the Deployment's current size.
  if (maxBefore === 0) maxBefore = d.status?.replicas ?? 0;
  if (maxBefore === 0) return 0;
  return Math.round((replicasOf(rs) * maxNow) / maxBefore) - replicasOf(rs);
}

/** The only active ReplicaSet, or the newest when none is active; undefined with several (FindActiveOrLatest). */
function activeOrLatest(newRS: ReplicaSet | undefined, old: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && old.length === 0) return undefined;
  const sortedOld = [...old].sort((a, b) => byCreation(b, a));
  const sets = active([...sortedOld, newRS]);
  if (sets.length === 0) return newRS ?? sortedOld[0];
  return sets.length === 1 ? sets[0] : undefined;
}

/** The new ReplicaSet has every desired replica, annotated and available (deployment_util.go IsSaturated). */
export function isSaturated(s: SyncState, newRS: ReplicaSet | undefined): boolean {
  if (!newRS) return false;
  const desired = desiredReplicas(s.d);
  return (
    replicasOf(newRS) === desired &&
    annotatedNumber(newRS, DESIRED_REPLICAS) === desired &&
    (newRS.status?.availableReplicas ?? 0) === desired
  );
}
