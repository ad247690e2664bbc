import type { KubeObject } from '../../object.ts';
import type { Pod } from '../endpointslice/pod.ts';
import { controllerOf } from '../runtime/controller-ref.ts';

export interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
}

/** intstr.GetScaledValueFromIntOrPercent with rounding up, as the disruption controller uses it. */
export function scaled(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  const percent = Number(value.replace(/%$/, ''));
  return Math.ceil((percent * total) / 100);
}

type Lookup = (apiVersion: string, kind: string, namespace: string, name: string) => KubeObject | undefined;

/**
 * The scale of the controllers owning the pods (K: pkg/controller/disruption finders): a ReplicaSet counts as its
 * Deployment when it has one, StatefulSets and ReplicationControllers by spec.replicas. Throws for a pod with no
 * such controller, which the real controller reports as SyncFailed.
 */
export function expectedFromControllers(pods: Pod[], get: Lookup): number {
  const seen = new Map<string, number>();
  for (const pod of pods) {
    const owner = controllerOf(pod);
    if (!owner) throw new Error(`found no controller ref for pod "${pod.metadata.name}"`);
    let controller = get(owner.apiVersion, owner.kind, pod.metadata.namespace!, owner.name);
    if (owner.kind === 'ReplicaSet' && controller) {
      const deployment = controller.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment');
      if (deployment) controller = get('apps/v1', 'Deployment', pod.metadata.namespace!, deployment.name) ?? controller;
    }
    if (
      !controller ||
      !['ReplicaSet', 'Deployment', 'StatefulSet', 'ReplicationController'].includes(controller.kind)
    ) {
      throw new Error(`found no controllers for pod "${pod.metadata.name}"`);
    }
    seen.set(controller.metadata.uid!, (controller['spec'] as { replicas?: number }).replicas ?? 1);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}
