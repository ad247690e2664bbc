import type { ReplicaSet } from '../replicaset/types.ts';
import { replicasOf } from '../replicaset/types.ts';
import { byRevision } from './replica-sets.ts';
import type { SyncState } from './sync-context.ts';

/**
 * Keeps at most revisionHistoryLimit old ReplicaSets, deleting the lowest revisions first, and only those fully
 * scaled down whose status caught up (K: pkg/controller/deployment/sync.go cleanupDeployment).
 */
export function cleanupDeployment(s: SyncState, old: ReplicaSet[]): void {
  const limit = s.d.spec.revisionHistoryLimit;
  if (limit === undefined) return;
  const cleanable = old.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
  const diff = cleanable.length - limit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i]!;
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    s.api.delete('apps/v1', 'ReplicaSet', rs.metadata.namespace, rs.metadata.name!, {
      preconditions: { uid: rs.metadata.uid! },
    });
  }
}
