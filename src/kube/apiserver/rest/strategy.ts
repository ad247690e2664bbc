import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../object.ts';
import type { ResourceType } from '../resources/resource-type.ts';

/**
 * Per-kind storage rules of the real registry strategies (K: pkg/registry/<group>/<kind>/strategy.go): which kinds
 * keep metadata.generation, what counts as a spec change, and whether create resets status.
 */
const GENERATION_KINDS = new Set([
  'apps/Deployment',
  'apps/ReplicaSet',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'batch/Job',
  'batch/CronJob',
  'networking.k8s.io/Ingress',
  'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget',
  'autoscaling/HorizontalPodAutoscaler',
  'apiextensions.k8s.io/CustomResourceDefinition',
]);

/** Kinds whose creator legitimately writes status on create (the kubelet registering its Node). */
const KEEPS_STATUS_ON_CREATE = new Set(['/Node', '/Event']);

export function tracksGeneration(type: ResourceType): boolean {
  return type.crd !== undefined || GENERATION_KINDS.has(`${type.group}/${type.kind}`);
}

/**
 * Whether an update must bump metadata.generation. Custom resources: any change outside metadata and status.
 * Deployments: spec or annotations (K: pkg/registry/apps/deployment/strategy.go PrepareForUpdate). Others: spec.
 */
export function specChanged(type: ResourceType, previous: KubeObject, next: KubeObject): boolean {
  if (type.crd) {
    const strip = ({ metadata: _m, status: _s, ...rest }: KubeObject) => rest;
    return !isDeepStrictEqual(strip(previous), strip(next));
  }
  if (type.group === 'apps' && type.kind === 'Deployment') {
    if (!isDeepStrictEqual(previous.metadata.annotations ?? {}, next.metadata.annotations ?? {})) return true;
  }
  return !isDeepStrictEqual(previous['spec'], next['spec']);
}

export function hasStatusSubresource(type: ResourceType): boolean {
  return type.subresources.includes('status');
}

/** On create through the main resource, status is reset for kinds with a status subresource. */
export function resetsStatusOnCreate(type: ResourceType): boolean {
  return hasStatusSubresource(type) && !KEEPS_STATUS_ON_CREATE.has(`${type.group}/${type.kind}`);
}

/** Namespaces also wait for spec.finalizers ("kubernetes"), which the namespace controller clears via /finalize. */
export function hasSpecFinalizers(object: KubeObject): boolean {
  if (object.kind !== 'Namespace') return false;
  const spec = object['spec'] as { finalizers?: string[] } | undefined;
  return (spec?.finalizers ?? []).length > 0;
}
