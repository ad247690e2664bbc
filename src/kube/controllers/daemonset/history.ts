import { canonicalJson } from '../../../json/json-equal.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import { computeHash } from '../deployment/pod-template-hash.ts';
import { clone } from '../endpointslice/pod.ts';
import type { PodTemplate } from '../replicaset/types.ts';
import { createRevision, renumberRevision, sortRevisions, templatePatch } from '../statefulset/history.ts';
import type { ControllerRevision } from '../statefulset/types.ts';
import { type DaemonSet, REVISION_HASH_LABEL } from './types.ts';

export interface DaemonSetHistory {
  current: ControllerRevision;
  hash: string;
  old: ControllerRevision[];
}

/** A collision: a different template already holds the revision name; status.collisionCount must grow first. */
export class RevisionCollisionError extends Error {
  readonly code = 'ERR_REVISION_COLLISION';
}

/**
 * constructHistory and snapshot (K: pkg/controller/daemon/update.go): the revision whose data is the DaemonSet's
 * template is current (renumbered to one past the old ones if it is an old one coming back); when none is, a
 * revision <ds>-<hash> is created, hash = ComputeHash(template, status.collisionCount). A name held by another
 * template bumps collisionCount (written by the caller) and the sync is retried.
 */
export function constructHistory(options: {
  api: KubeApi;
  ds: DaemonSet;
  revisions: ControllerRevision[];
  fieldManager: string;
}): DaemonSetHistory {
  const { api, ds, fieldManager } = options;
  const data = templatePatch(ds.spec.template);
  const wanted = canonicalJson(data);
  const matching = options.revisions.filter((r) => canonicalJson(r.data) === wanted);
  const old = options.revisions.filter((r) => canonicalJson(r.data) !== wanted);
  const number = old.reduce((max, r) => Math.max(max, r.revision), 0) + 1;
  let current: ControllerRevision;
  if (matching.length > 0) {
    // dedupCurHistories keeps the one with the highest revision; duplicates are rare enough to ignore here.
    current = sortRevisions(matching)[matching.length - 1]!;
    if (current.revision < number) current = renumberRevision(api, current, number, fieldManager);
  } else {
    const hash = computeHash(ds.spec.template as unknown as PodTemplate, ds.status?.collisionCount);
    const result = createRevision({
      api,
      owner: ds,
      name: `${ds.metadata.name}-${hash}`,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      data,
      revision: number,
      fieldManager,
    });
    if (!result.created && canonicalJson(result.revision.data) !== wanted) {
      throw new RevisionCollisionError(
        `ControllerRevision ${result.revision.metadata.name} holds another template; DaemonSet ${ds.metadata.namespace}/${ds.metadata.name} bumps status.collisionCount and retries`,
      );
    }
    current = result.revision;
  }
  const hash = current.metadata.labels?.[REVISION_HASH_LABEL] ?? current.metadata.name!;
  return { current, hash, old };
}

/**
 * cleanupHistory: deletes the oldest old revisions no pod still runs (by controller-revision-hash), keeping
 * revisionHistoryLimit (default 10).
 */
export function cleanupHistory(options: {
  api: KubeApi;
  old: ControllerRevision[];
  liveHashes: Set<string>;
  limit: number;
}): void {
  const unused = sortRevisions(options.old).filter(
    (r) => !options.liveHashes.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? ''),
  );
  for (const revision of unused.slice(0, Math.max(0, unused.length - options.limit))) {
    options.api.delete('apps/v1', 'ControllerRevision', revision.metadata.namespace, revision.metadata.name!, {
      preconditions: { uid: revision.metadata.uid! },
    });
  }
}

export function bumpCollisionCount(api: KubeApi, ds: DaemonSet, fieldManager: string): void {
  const status = { ...clone(ds.status ?? emptyStatus()), collisionCount: (ds.status?.collisionCount ?? 0) + 1 };
  api.update({ ...clone(ds), status }, { subresource: 'status', fieldManager });
}

function emptyStatus() {
  return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
}
