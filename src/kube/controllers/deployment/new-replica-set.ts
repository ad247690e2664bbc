import { rfc3339 } from '../../../clock/index.ts';
import { messageOf } from '../../../errors.ts';
import { ApiError } from '../../apiserver/api-error.ts';
import type { ReplicaSet } from '../replicaset/types.ts';
import { controllerOf, newControllerRef } from '../runtime/controller-ref.ts';
import { setNewReplicaSetAnnotations } from './annotations.ts';
import { getCondition, newCondition, setCondition } from './conditions.ts';
import { computeHash, equalIgnoringHash } from './pod-template-hash.ts';
import { maxRevision, specReplicas, splitReplicaSets } from './replica-sets.ts';
import { newReplicasForNewRS } from './rolling-math.ts';
import { record, type SyncState, writeStatus } from './sync-context.ts';
import { HASH_LABEL, hasProgressDeadline, REVISION } from './types.ts';

export interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  old: ReplicaSet[];
}

/**
 * The new ReplicaSet (found, or created when `create`) and the old ones, with the revision synced: the new one gets
 * max(old revisions) + 1 and the Deployment copies it (K: pkg/controller/deployment/sync.go
 * getAllReplicaSetsAndSyncRevision, getNewReplicaSet).
 */
export function replicaSetsAndSyncRevision(s: SyncState, owned: ReplicaSet[], create: boolean): ReplicaSets {
  const { newRS: existing, old } = splitReplicaSets(s.d, owned);
  const newRevision = maxRevision(old) + 1;
  if (existing) return { newRS: syncExisting(s, existing, newRevision), old };
  if (!create) return { newRS: undefined, old };
  return { newRS: createNew(s, old, newRevision), old };
}

function syncExisting(s: SyncState, existing: ReplicaSet, newRevision: number): ReplicaSet {
  const annotations = { ...(existing.metadata.annotations ?? {}) };
  const annotationsChanged = setNewReplicaSetAnnotations(s.d, annotations, newRevision, true);
  const minReadySeconds = s.d.spec.minReadySeconds ?? 0;
  if (annotationsChanged || (existing.spec.minReadySeconds ?? 0) !== minReadySeconds) {
    // Go returns after this write; the revision reaches the Deployment on the next sync, triggered by this update.
    return s.api.update({
      ...existing,
      metadata: { ...existing.metadata, annotations },
      spec: { ...existing.spec, minReadySeconds },
    }) as ReplicaSet;
  }
  const revision = annotations[REVISION];
  let dAnnotations = s.d.metadata.annotations;
  let needsUpdate = false;
  if (revision !== undefined && dAnnotations?.[REVISION] !== revision) {
    dAnnotations = { ...(dAnnotations ?? {}), [REVISION]: revision };
    needsUpdate = true;
  }
  let conditions = s.d.status?.conditions ?? [];
  if (hasProgressDeadline(s.d) && !getCondition(conditions, 'Progressing')) {
    const message = `Found new replica set "${existing.metadata.name}"`;
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'True', 'FoundNewReplicaSet', message, rfc3339(s.clock)),
    );
    needsUpdate = true;
  }
  if (needsUpdate) writeStatus(s, { ...(s.d.status ?? {}), conditions }, dAnnotations);
  return existing;
}

function createNew(s: SyncState, old: ReplicaSet[], newRevision: number): ReplicaSet {
  const d = s.d;
  const template = structuredClone(d.spec.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const draft: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // Deterministic, so a second attempt finds the first one's ReplicaSet instead of making another.
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace!,
      ownerReferences: [newControllerRef(d)],
      labels: { ...labels },
      annotations: {},
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newReplicasForNewRS(d, [...old, draft], draft);
  draft.spec.replicas = replicas;
  setNewReplicaSetAnnotations(d, draft.metadata.annotations!, newRevision, false);

  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = s.api.create(draft) as ReplicaSet;
  } catch (error) {
    if (error instanceof ApiError && error.reason === 'AlreadyExists') {
      const found = s.api.get('apps/v1', 'ReplicaSet', d.metadata.namespace, draft.metadata.name!) as ReplicaSet;
      if (
        found &&
        controllerOf(found)?.uid === d.metadata.uid &&
        equalIgnoringHash(d.spec.template, found.spec.template)
      ) {
        created = found;
        alreadyExisted = true;
      } else {
        // A different template hashed to the same name: bump collisionCount so the next sync tries another name.
        writeStatus(s, { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 });
        throw error;
      }
    } else if (error instanceof ApiError && error.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) {
      throw error;
    } else {
      const message = `Failed to create new replica set "${draft.metadata.name}": ${messageOf(error)}`;
      if (hasProgressDeadline(d)) {
        const conditions = setCondition(
          d.status?.conditions ?? [],
          newCondition('Progressing', 'False', 'ReplicaSetCreateError', message, rfc3339(s.clock)),
        );
        try {
          writeStatus(s, { ...(d.status ?? {}), conditions });
        } catch {
          // The bigger problem is reported below.
        }
      }
      record(s, 'Warning', 'ReplicaSetCreateError', message);
      throw error;
    }
  }
  if (!alreadyExisted && replicas > 0) {
    record(s, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`);
  }
  const annotations = { ...(s.d.metadata.annotations ?? {}), [REVISION]: String(newRevision) };
  let conditions = s.d.status?.conditions ?? [];
  if (!alreadyExisted && hasProgressDeadline(s.d)) {
    const message = `Created new replica set "${created.metadata.name}"`;
    conditions = setCondition(
      conditions,
      newCondition('Progressing', 'True', 'NewReplicaSetCreated', message, rfc3339(s.clock)),
    );
  }
  writeStatus(s, { ...(s.d.status ?? {}), conditions }, annotations);
  return created;
}

/** Σ spec.replicas of a list that may hold the new ReplicaSet. */
export function totalSpecReplicas(sets: ReplicaSets): number {
  return specReplicas([...sets.old, sets.newRS]);
}
