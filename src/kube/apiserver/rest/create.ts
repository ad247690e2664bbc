import { rfc3339 } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import { ApiError, alreadyExists } from '../api-error.ts';
import { updateManagedFields } from '../patch/index.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import { admit, requireNamespace } from './admit.ts';
import type { ApiContext, WriteResult } from './api-context.ts';
import { checkTypeMeta, decodeInto, settleNamespace } from './decode.ts';
import { omitEmptyMetadata } from './omit-empty.ts';
import type { WriteOptions } from './options.ts';
import { resetsStatusOnCreate, tracksGeneration } from './strategy.ts';

/** POST to a collection: decode, stamp system metadata, admit, record ownership, store. */
export function create(
  ctx: ApiContext,
  type: ResourceType,
  requestNamespace: string | undefined,
  body: unknown,
  options: WriteOptions,
): WriteResult {
  const object = checkTypeMeta(type, body);
  settleNamespace(type, object, requestNamespace);
  const warnings = decodeInto(ctx, type, object, options.fieldValidation);
  return createDecoded(ctx, type, object, options, warnings);
}

/** The part of create shared with server-side apply of a missing object: `object` is decoded and ours to change. */
export function createDecoded(
  ctx: ApiContext,
  type: ResourceType,
  object: KubeObject,
  options: WriteOptions,
  warnings: string[],
  ownership: 'compute' | 'given' = 'compute',
): WriteResult {
  stampForCreate(ctx, type, object);
  admit(ctx, type, object, undefined);
  if (type.namespaced) requireNamespace(ctx, object.metadata.namespace!);
  const key = ctx.types.storageKey(type);
  if (ctx.store.get(key, object.metadata.namespace, object.metadata.name!)) {
    throw alreadyExists(type, object.metadata.name!);
  }
  if (ownership === 'compute') {
    object.metadata.managedFields = updateManagedFields({
      before: undefined,
      after: object,
      manager: options.fieldManager,
      schema: ctx.schemas.schemaFor(type),
      now: rfc3339(ctx.clock),
    });
  }
  omitEmptyMetadata(object);
  if (options.dryRun) return { object, status: 201, warnings };
  return { object: ctx.store.put(key, object), status: 201, warnings };
}

/** System metadata of a new object (K: apiserver/pkg/registry/rest/create.go BeforeCreate). */
function stampForCreate(ctx: ApiContext, type: ResourceType, object: KubeObject): void {
  const meta = object.metadata;
  if (!meta.name) {
    if (!meta.generateName) {
      throw new ApiError(
        422,
        'Invalid',
        `${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        {
          kind: type.kind,
          group: type.group,
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: name or generateName is required',
              field: 'metadata.name',
            },
          ],
        },
      );
    }
    meta.name = uniqueGeneratedName(ctx, type, meta.generateName, meta.namespace);
  }
  meta.uid = ctx.random.uuid();
  meta.creationTimestamp = rfc3339(ctx.clock);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.resourceVersion;
  delete (meta as Record<string, unknown>)['selfLink'];
  if (tracksGeneration(type)) meta.generation = 1;
  else delete meta.generation;
  if (resetsStatusOnCreate(type)) object['status'] = {};
}

/** generateName plus five random characters, retried on the rare collision (K: names.SimpleNameGenerator). */
function uniqueGeneratedName(ctx: ApiContext, type: ResourceType, prefix: string, namespace?: string): string {
  const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
  const key = ctx.types.storageKey(type);
  for (;;) {
    const name = base + ctx.random.suffix(5);
    if (!ctx.store.get(key, namespace, name)) return name;
  }
}
