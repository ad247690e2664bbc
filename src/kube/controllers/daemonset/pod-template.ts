import { clone, type Pod, type Toleration } from '../endpointslice/pod.ts';
import type { PodTemplateSpec } from '../statefulset/types.ts';
import { addOrUpdateTolerations, daemonTolerations } from './tolerations.ts';
import { type DaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL, templateGeneration } from './types.ts';

interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
  matchFields?: { key: string; operator: string; values?: string[] }[];
}
interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] };
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/**
 * CreatePodTemplate (K: pkg/controller/daemon/util/daemonset_util.go): the DaemonSet's template with the daemon
 * tolerations and the labels controller-revision-hash and (when the DaemonSet carries its template generation)
 * pod-template-generation.
 */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
  const template = clone(ds.spec.template);
  const generation = templateGeneration(ds);
  template.metadata = {
    ...(template.metadata ?? {}),
    labels: {
      ...(template.metadata?.labels ?? {}),
      ...(generation !== undefined ? { [TEMPLATE_GENERATION_LABEL]: generation } : {}),
      ...(hash ? { [REVISION_HASH_LABEL]: hash } : {}),
    },
  };
  template.spec.tolerations = addOrUpdateTolerations(
    template.spec.tolerations ?? [],
    daemonTolerations(template.spec['hostNetwork'] === true),
  );
  return template;
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the pod is pinned to its node by required node affinity on the field
 * metadata.name — the one term replaces any others (the controller already checked the node matches them) — and the
 * default scheduler binds it (ScheduleDaemonSetPods, GA since v1.17).
 */
export function pinToNode(spec: PodTemplateSpec['spec'], node: string): PodTemplateSpec['spec'] {
  const copy = clone(spec);
  const affinity = clone((copy['affinity'] as Affinity | undefined) ?? {});
  affinity.nodeAffinity = {
    ...(affinity.nodeAffinity ?? {}),
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
    },
  };
  copy['affinity'] = affinity;
  return copy;
}

/** GetTargetNodeName: spec.nodeName once bound, else the node its metadata.name affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms =
    (pod.spec['affinity'] as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1)
        return field.values[0];
    }
  }
  return undefined;
}

export type { Toleration };
