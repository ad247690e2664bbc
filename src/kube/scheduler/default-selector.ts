import { controllerOf } from '../controllers/runtime/controller-ref.ts';
import type { Informer } from '../controllers/runtime/informer.ts';
import { type LabelSelector, type LabelSelectorObject, labelSelectorFromObject } from '../labels/index.ts';
import { selectorOf } from '../labels/label-selector.ts';
import type { Requirement } from '../labels/requirement.ts';
import type { KubeObject } from '../object.ts';
import type { Pod } from './pod/types.ts';

export interface WorkloadInformers {
  services: Informer;
  replicaSets: Informer;
  statefulSets: Informer;
  replicationControllers?: Informer;
}

/**
 * The selector spreading uses for a pod without topologySpreadConstraints (K: plugins/helper/spread.go
 * DefaultSelector): the union of the selectors of the Services selecting it, narrowed by the selector of its
 * controller when that is a ReplicaSet, StatefulSet or ReplicationController. A bare pod selects nothing to spread.
 */
export function defaultSelector(pod: Pod, informers: WorkloadInformers): LabelSelector {
  const namespace = pod.metadata.namespace;
  const labels = pod.metadata.labels ?? {};
  const labelSet: Record<string, string> = {};
  for (const service of informers.services.list(namespace)) {
    const selector = (service['spec'] as { selector?: Record<string, string> } | undefined)?.selector ?? {};
    if (Object.entries(selector).every(([k, v]) => labels[k] === v)) Object.assign(labelSet, selector);
  }
  const requirements: Requirement[] = [];
  const owner = controllerOf(pod);
  const spec = (o: KubeObject | undefined) => o?.['spec'] as { selector?: unknown } | undefined;
  if (owner?.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    Object.assign(labelSet, spec(informers.replicationControllers?.get(namespace, owner.name))?.selector ?? {});
  } else if (owner?.apiVersion === 'apps/v1' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const informer = owner.kind === 'ReplicaSet' ? informers.replicaSets : informers.statefulSets;
    const selector = spec(informer.get(namespace, owner.name))?.selector as LabelSelectorObject | undefined;
    try {
      if (selector) requirements.push(...labelSelectorFromObject(selector).requirements);
    } catch {
      // An invalid selector adds nothing, as LabelSelectorAsSelector's error is ignored there.
    }
  }
  for (const [key, value] of Object.entries(labelSet)) requirements.push({ key, operator: '=', values: [value] });
  return selectorOf(requirements);
}
