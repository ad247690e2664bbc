import { clone, type Pod } from '../endpointslice/pod.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import { POD_INDEX_LABEL, POD_NAME_LABEL, type PodTemplateSpec, REVISION_LABEL, type StatefulSet } from './types.ts';

/** A pod's stable identity (K: pkg/controller/statefulset/stateful_set_utils.go). */

const ORDINAL_NAME = /^(.*)-([0-9]+)$/;

/** getParentNameAndOrdinal: "web-3" → {parent: "web", ordinal: 3}; -1 when the name has no ordinal. */
export function parentAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const match = ORDINAL_NAME.exec(pod.metadata.name ?? '');
  if (!match) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1]!, ordinal: Number.isSafeInteger(ordinal) ? ordinal : -1 };
}

export function ordinalOf(pod: Pod): number {
  return parentAndOrdinal(pod).ordinal;
}

/** isMemberOf: the pod's name says it belongs to this set. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return parentAndOrdinal(pod).parent === set.metadata.name;
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getStartOrdinal: spec.ordinals.start (StatefulSetStartOrdinal, on by default since v1.27), else 0. */
export function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

/** getEndOrdinal: one past the last ordinal in range. */
export function endOrdinal(set: StatefulSet): number {
  return startOrdinal(set) + (set.spec.replicas ?? 1);
}

export function inOrdinalRange(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  return ordinal >= startOrdinal(set) && ordinal < endOrdinal(set);
}

/** getPersistentVolumeClaimName: <claim template>-<set>-<ordinal>. */
export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

/** identityMatches: name, namespace and the pod-name label agree with the ordinal. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentAndOrdinal(pod);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    pod.metadata.namespace === set.metadata.namespace &&
    pod.metadata.labels?.[POD_NAME_LABEL] === pod.metadata.name &&
    pod.metadata.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

/** updateIdentity: the labels of identity (hostname and subdomain are fixed at creation, pods cannot change them). */
export function withIdentityLabels(pod: Pod): Pod {
  const copy = clone(pod);
  copy.metadata.labels = {
    ...(copy.metadata.labels ?? {}),
    [POD_NAME_LABEL]: copy.metadata.name!,
    [POD_INDEX_LABEL]: String(ordinalOf(copy)),
  };
  return copy;
}

/**
 * newVersionedStatefulSetPod / newStatefulSetPod: the pod for an ordinal from a template and revision, named
 * <set>-<ordinal>, hostname its own name, subdomain the governing service, one volume per claim template pointing
 * at <claim>-<set>-<ordinal> (replacing a template volume of the same name, as updateStorage does).
 */
export function newStatefulSetPod(options: {
  set: StatefulSet;
  template: PodTemplateSpec;
  revision: string;
  ordinal: number;
}): Pod {
  const { set, template, ordinal } = options;
  const name = podName(set, ordinal);
  const spec = clone(template.spec);
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claims = set.spec.volumeClaimTemplates ?? [];
  if (claims.length > 0) {
    const claimVolumes = claims.map((c) => ({
      name: c.metadata.name,
      persistentVolumeClaim: { claimName: claimName(set, c.metadata.name, ordinal) },
    }));
    const others = ((spec['volumes'] as { name: string }[] | undefined) ?? []).filter(
      (v) => !claims.some((c) => c.metadata.name === v.name),
    );
    spec['volumes'] = [...claimVolumes, ...others];
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace!,
      labels: {
        ...(template.metadata?.labels ?? {}),
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: options.revision,
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [newControllerRef(set)],
    },
    spec,
  };
}

export function revisionOf(pod: Pod): string | undefined {
  return pod.metadata.labels?.[REVISION_LABEL];
}
