import type { KubeObject } from '../../object.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import type { PodTemplate } from './types.ts';

/**
 * The pod a controller creates from its template: the template's labels, annotations and finalizers, the name
 * `<owner>-` plus a random suffix, and a controller reference (K: pkg/controller/controller_utils.go
 * GetPodFromTemplate, getPodsPrefix).
 */
export function podFromTemplate(template: PodTemplate, owner: KubeObject): KubeObject {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace!,
      ...(meta.labels ? { labels: { ...meta.labels } } : {}),
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
