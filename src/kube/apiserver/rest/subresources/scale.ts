import type { KubeObject } from '../../../object.ts';
import { isPlainObject } from '../../../object.ts';
import { badRequest, conflict, STALE_OBJECT, unsupportedMediaType } from '../../api-error.ts';
import type { ResourceType } from '../../resources/resource-type.ts';
import type { ApiContext, WriteResult } from '../api-context.ts';
import { labelSelectorString } from '../filter.ts';
import type { WriteOptions } from '../options.ts';
import { applyPatchDocument, JSON_PATCH, MERGE_PATCH, parseJsonBody, STRATEGIC_MERGE_PATCH } from '../patch.ts';
import { current, updateDecoded } from '../update.ts';

/**
 * The /scale subresource: an autoscaling/v1 Scale view of a workload's replicas (what `kubectl scale` and HPAs
 * use). Custom resources map it through the CRD's specReplicasPath / statusReplicasPath / labelSelectorPath.
 */
export function getScale(ctx: ApiContext, type: ResourceType, namespace: string | undefined, name: string): KubeObject {
  return scaleOf(type, current(ctx, type, namespace, name));
}

export function updateScale(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions,
): WriteResult {
  const parent = current(ctx, type, namespace, name);
  return writeScale(ctx, type, parent, body, options);
}

export function patchScale(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  contentType: string,
  body: string,
  options: WriteOptions,
): WriteResult {
  const mediaType = contentType.split(';')[0]!.trim();
  const accepted = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];
  if (!accepted.includes(mediaType)) throw unsupportedMediaType(contentType, accepted);
  const parent = current(ctx, type, namespace, name);
  const patched = applyPatchDocument(mediaType, scaleOf(type, parent), parseJsonBody(body), undefined);
  return writeScale(ctx, type, parent, patched, options);
}

function writeScale(
  ctx: ApiContext,
  type: ResourceType,
  parent: KubeObject,
  body: unknown,
  options: WriteOptions,
): WriteResult {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a Scale object');
  const scale = body as { metadata?: { resourceVersion?: string }; spec?: { replicas?: unknown } };
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== parent.metadata.resourceVersion) throw conflict(type, parent.metadata.name!, STALE_OBJECT);
  const replicas = scale.spec?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: spec.replicas must be an integer`);
  }
  const next = structuredClone(parent);
  setPath(next, specReplicasPath(type), replicas);
  const result = updateDecoded(ctx, type, parent, next, options, [], { subresource: 'scale' });
  return { ...result, object: scaleOf(type, result.object) };
}

export function scaleOf(type: ResourceType, object: KubeObject): KubeObject {
  const selector = selectorString(type, object);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name!,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      uid: object.metadata.uid!,
      resourceVersion: object.metadata.resourceVersion!,
      creationTimestamp: object.metadata.creationTimestamp!,
    },
    spec: { replicas: (getPath(object, specReplicasPath(type)) as number | undefined) ?? 0 },
    status: {
      replicas: (getPath(object, type.crd?.scaleStatusReplicasPath ?? '.status.replicas') as number | undefined) ?? 0,
      ...(selector ? { selector } : {}),
    },
  };
}

function specReplicasPath(type: ResourceType): string {
  return type.crd?.scaleSpecReplicasPath ?? '.spec.replicas';
}

/** The selector as a string: built-ins render spec.selector; CRDs read labelSelectorPath (already a string). */
function selectorString(type: ResourceType, object: KubeObject): string | undefined {
  if (type.crd) {
    const path = type.crd.labelSelectorPath;
    return path ? (getPath(object, path) as string | undefined) : undefined;
  }
  const selector = (object['spec'] as { selector?: Record<string, unknown> } | undefined)?.selector;
  return selector ? labelSelectorString(selector) : undefined;
}

/** ".spec.replicas" style paths, as CRD scale subresources name them. */
function getPath(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const segment of path.split('.').filter(Boolean)) {
    if (!isPlainObject(value)) return undefined;
    value = value[segment];
  }
  return value;
}

function setPath(object: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.').filter(Boolean);
  let target = object;
  for (const segment of segments.slice(0, -1)) {
    if (!isPlainObject(target[segment])) target[segment] = {};
    target = target[segment] as Record<string, unknown>;
  }
  target[segments.at(-1)!] = value;
}
