import { isDeepStrictEqual } from 'node:util';
import { rfc3339 } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import { ApiError, badRequest, conflict, notFound, STALE_OBJECT } from '../api-error.ts';
import { updateManagedFields } from '../patch/index.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import { admit } from './admit.ts';
import type { ApiContext, WriteResult } from './api-context.ts';
import { checkTypeMeta, decodeInto, settleNamespace } from './decode.ts';
import { omitEmptyMetadata } from './omit-empty.ts';
import type { WriteOptions } from './options.ts';
import { hasSpecFinalizers, hasStatusSubresource, specChanged, tracksGeneration } from './strategy.ts';

export interface UpdateScope {
  /** "status" writes only status; undefined is the main resource (which ignores status when /status exists). */
  subresource?: string;
  /** "given": managedFields were computed by server-side apply; "compute": record this write as an Update. */
  ownership?: 'compute' | 'given';
}

/** PUT of a whole object (main resource or /status). */
export function update(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  body: unknown,
  options: WriteOptions,
  scope: UpdateScope = {},
): WriteResult {
  const old = current(ctx, type, namespace, name);
  const object = checkTypeMeta(type, body);
  requireSameName(object, name);
  settleNamespace(type, object, namespace);
  const warnings = decodeInto(ctx, type, object, options.fieldValidation);
  return updateDecoded(ctx, type, old, object, options, warnings, scope);
}

export function current(ctx: ApiContext, type: ResourceType, namespace: string | undefined, name: string): KubeObject {
  const old = ctx.store.get(ctx.types.storageKey(type), type.namespaced ? namespace : undefined, name);
  if (!old) throw notFound(type, name);
  return old;
}

export function requireSameName(object: KubeObject, name: string): void {
  if (object.metadata.name && object.metadata.name !== name) {
    throw badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
  }
  object.metadata.name = name;
}

/** The rest of an update once the new object is decoded; shared by PUT, every PATCH type and /scale. */
export function updateDecoded(
  ctx: ApiContext,
  type: ResourceType,
  old: KubeObject,
  object: KubeObject,
  options: WriteOptions,
  warnings: string[],
  scope: UpdateScope = {},
): WriteResult {
  const name = old.metadata.name!;
  const precondition = object.metadata.resourceVersion;
  if (precondition && precondition !== old.metadata.resourceVersion) throw conflict(type, name, STALE_OBJECT);
  const next = scoped(type, old, object, scope.subresource);
  keepSystemMetadata(type, old, next, scope.subresource);
  refuseNewFinalizersWhileDeleting(type, old, next);
  const statusWrite = scope.subresource === 'status' || scope.subresource === 'finalize';
  admit(ctx, type, next, old, { defaults: !statusWrite });
  if ((scope.ownership ?? 'compute') === 'compute') {
    next.metadata.managedFields = updateManagedFields({
      before: old,
      after: next,
      manager: options.fieldManager,
      schema: ctx.schemas.schemaFor(type),
      now: rfc3339(ctx.clock),
      ...(scope.subresource ? { subresource: scope.subresource } : {}),
    });
  }
  omitEmptyMetadata(next);
  if (unchanged(old, next, scope.ownership === 'given')) return { object: old, status: 200, warnings };
  if (options.dryRun) return { object: next, status: 200, warnings };
  const key = ctx.types.storageKey(type);
  if (isFinalized(next)) {
    return { object: ctx.store.remove(key, next.metadata.namespace, name)!, status: 200, warnings };
  }
  return { object: ctx.store.put(key, next), status: 200, warnings };
}

/** The main resource cannot change status, and /status can change nothing else (K: each kind's status strategy). */
function scoped(type: ResourceType, old: KubeObject, object: KubeObject, subresource: string | undefined): KubeObject {
  if (subresource === 'finalize') {
    const next = structuredClone(old);
    next['spec'] = {
      ...((old['spec'] as object) ?? {}),
      finalizers: (object['spec'] as { finalizers?: string[] })?.finalizers ?? [],
    };
    return next;
  }
  if (subresource === 'status') {
    const next = structuredClone(old);
    if (object['status'] === undefined) delete next['status'];
    else next['status'] = object['status'];
    next.metadata.managedFields = object.metadata.managedFields ?? old.metadata.managedFields ?? [];
    // Built-in status strategies reset spec (and labels) but keep the request's annotations: the Deployment
    // controller writes deployment.kubernetes.io/revision this way (K: deploymentStatusStrategy.PrepareForUpdate).
    // Custom resources ignore everything but status (W: custom-resources, status subresource).
    if (!type.crd) {
      if (object.metadata.annotations === undefined) delete next.metadata.annotations;
      else next.metadata.annotations = object.metadata.annotations;
    }
    return next;
  }
  if (hasStatusSubresource(type)) {
    const next = { ...object };
    if (old['status'] === undefined) delete next['status'];
    else next['status'] = structuredClone(old['status']);
    if (type.kind === 'Namespace') {
      // Only /finalize changes a namespace's spec.finalizers (K: pkg/registry/core/namespace/strategy.go).
      next['spec'] = {
        ...((next['spec'] as object) ?? {}),
        finalizers: (old['spec'] as { finalizers?: string[] })?.finalizers ?? [],
      };
    }
    return next;
  }
  return object;
}

function keepSystemMetadata(type: ResourceType, old: KubeObject, next: KubeObject, subresource?: string): void {
  const meta = next.metadata;
  const before = old.metadata;
  meta.uid = before.uid!;
  meta.creationTimestamp = before.creationTimestamp!;
  meta.resourceVersion = before.resourceVersion!;
  for (const field of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (before[field] === undefined) delete meta[field];
    else (meta as Record<string, unknown>)[field] = before[field];
  }
  delete (meta as Record<string, unknown>)['selfLink'];
  if (tracksGeneration(type)) {
    // Writes through /status and /finalize never move generation (K: status strategies' PrepareForUpdate).
    const moved = subresource !== 'status' && subresource !== 'finalize' && specChanged(type, old, next);
    meta.generation = (before.generation ?? 1) + (moved ? 1 : 0);
  } else {
    delete meta.generation;
  }
}

function refuseNewFinalizersWhileDeleting(type: ResourceType, old: KubeObject, next: KubeObject): void {
  if (!old.metadata.deletionTimestamp) return;
  const before = new Set(old.metadata.finalizers ?? []);
  const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length === 0) return;
  const message = `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => `"${f}"`).join(', ')}}`;
  throw new ApiError(
    422,
    'Invalid',
    `${type.kind} "${old.metadata.name}" is invalid: metadata.finalizers: ${message}`,
    {
      name: old.metadata.name!,
      kind: type.kind,
      group: type.group,
      causes: [{ reason: 'FieldValueForbidden', message, field: 'metadata.finalizers' }],
    },
  );
}

/** A write that changes nothing is not stored: no new resourceVersion, no watch event (as etcd3's GuaranteedUpdate). */
function unchanged(old: KubeObject, next: KubeObject, compareOwnership: boolean): boolean {
  const strip = (o: KubeObject) => {
    const { managedFields, resourceVersion: _rv, ...meta } = o.metadata;
    const fields = compareOwnership ? managedFields?.map(({ time: _t, ...rest }) => rest) : undefined;
    return { ...o, metadata: { ...meta, managedFields: fields } };
  };
  return isDeepStrictEqual(strip(old), strip(next));
}

/** An object being deleted disappears once its last finalizer is gone (and, for pods, its grace period is over). */
export function isFinalized(object: KubeObject): boolean {
  return (
    object.metadata.deletionTimestamp !== undefined &&
    (object.metadata.finalizers ?? []).length === 0 &&
    !object.metadata.deletionGracePeriodSeconds &&
    !hasSpecFinalizers(object)
  );
}
