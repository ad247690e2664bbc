import { canonicalJson } from '../../../json/json-equal.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import {
  createRevision,
  equalRevisions,
  hashRevisionData,
  nextRevisionNumber,
  REVISION_DATA_HASH_LABEL,
  renumberRevision,
  revisionName,
  sortRevisions,
  templatePatch,
} from './history.ts';
import type { ControllerRevision, StatefulSet } from './types.ts';

export interface SetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

/**
 * getStatefulSetRevisions (K: pkg/controller/statefulset/stateful_set_control.go): the update revision records the
 * set's template now. If the newest revision already records it, it is reused; if an older one does (a rollback),
 * that one is renumbered as the newest; otherwise a revision <set>-<hash> is created, bumping collisionCount while a
 * different revision holds the name. The current revision is the one status.currentRevision names, else the update
 * revision (a new set).
 */
export function statefulSetRevisions(options: {
  api: KubeApi;
  set: StatefulSet;
  revisions: ControllerRevision[];
  fieldManager: string;
}): SetRevisions {
  const { api, set, fieldManager } = options;
  const sorted = sortRevisions(options.revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  const data = templatePatch(set.spec.template);
  const number = nextRevisionNumber(sorted);
  const equal = equalRevisions(sorted, data);
  let update: ControllerRevision;
  if (equal.length > 0 && equal[equal.length - 1] === sorted[sorted.length - 1]) {
    update = sorted[sorted.length - 1]!;
  } else if (equal.length > 0) {
    update = renumberRevision(api, equal[equal.length - 1]!, number, fieldManager);
  } else {
    for (;;) {
      const hash = hashRevisionData(data, collisionCount);
      const result = createRevision({
        api,
        owner: set,
        name: revisionName(set.metadata.name!, hash),
        labels: { ...(set.spec.template.metadata?.labels ?? {}), [REVISION_DATA_HASH_LABEL]: hash },
        data,
        revision: number,
        fieldManager,
      });
      if (result.created || canonicalJson(result.revision.data) === canonicalJson(data)) {
        update = result.revision;
        break;
      }
      collisionCount++;
    }
  }
  const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}
