import { parse as parseYaml } from 'yaml';
import { rfc3339 } from '../../../clock/index.ts';
import { isPlainObject, type Json, type JsonObject, type KubeObject } from '../../object.ts';
import { ApiError, badRequest, conflict, unsupportedMediaType } from '../api-error.ts';
import {
  ApplyConflictError,
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  PatchError,
  serverSideApply,
} from '../patch/index.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext, WriteResult } from './api-context.ts';
import { createDecoded } from './create.ts';
import { checkTypeMeta, decodeInto, settleNamespace } from './decode.ts';
import type { WriteOptions } from './options.ts';
import { current, requireSameName, updateDecoded } from './update.ts';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export function patchTypesFor(type: ResourceType): string[] {
  return type.crd
    ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH]
    : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];
}

/** PATCH on the main resource or /status, with any of the four patch types. */
export function patch(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  contentType: string,
  body: string,
  options: WriteOptions,
  subresource?: string,
): WriteResult {
  const mediaType = contentType.split(';')[0]!.trim();
  if (!patchTypesFor(type).includes(mediaType)) throw unsupportedMediaType(contentType, patchTypesFor(type));
  if (mediaType === APPLY_PATCH) return apply(ctx, type, namespace, name, body, options, subresource);
  const old = current(ctx, type, namespace, name);
  const patched = applyPatchDocument(mediaType, old, parseJsonBody(body), ctx.schemas.schemaFor(type));
  const object = checkTypeMeta(type, patched);
  requireSameName(object, name);
  settleNamespace(type, object, namespace);
  const warnings = decodeInto(ctx, type, object, options.fieldValidation);
  return updateDecoded(ctx, type, old, object, options, warnings, subresource ? { subresource } : {});
}

/** Applies a JSON, merge or strategic merge patch document to an object; used for /scale too. */
export function applyPatchDocument(
  mediaType: string,
  original: KubeObject,
  document: Json,
  schema: Parameters<typeof applyStrategicMergePatch>[2],
): unknown {
  try {
    if (mediaType === JSON_PATCH) return applyJsonPatch(original as unknown as Json, document);
    if (!isPlainObject(document)) throw badRequest('the patch must be a JSON object');
    if (mediaType === MERGE_PATCH) return applyMergePatch(original as unknown as Json, document);
    return applyStrategicMergePatch(original as unknown as JsonObject, document as JsonObject, schema);
  } catch (error) {
    if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
    throw error;
  }
}

/** Server-side apply: merge the applied configuration by field ownership, creating the object if missing. */
function apply(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  body: string,
  options: WriteOptions,
  subresource: string | undefined,
): WriteResult {
  if (!options.fieldManager || options.fieldManager === 'unknown') {
    throw badRequest('PATCH, application/apply-patch+yaml requires fieldManager parameter');
  }
  let document: unknown;
  try {
    document = parseYaml(body);
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  const applied = checkTypeMeta(type, document);
  requireSameName(applied, name);
  settleNamespace(type, applied, namespace);
  const warnings = decodeInto(ctx, type, applied, options.fieldValidation);
  const key = ctx.types.storageKey(type);
  const live = ctx.store.get(key, type.namespaced ? namespace : undefined, name);
  if (applied.metadata.resourceVersion && live && applied.metadata.resourceVersion !== live.metadata.resourceVersion) {
    throw conflict(
      type,
      name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  const merged = runApply(ctx, type, live, applied, options, subresource);
  if (!live) return createDecoded(ctx, type, merged, options, warnings, 'given');
  return updateDecoded(ctx, type, live, merged, options, warnings, {
    ownership: 'given',
    ...(subresource ? { subresource } : {}),
  });
}

function runApply(
  ctx: ApiContext,
  type: ResourceType,
  live: KubeObject | undefined,
  applied: KubeObject,
  options: WriteOptions,
  subresource: string | undefined,
): KubeObject {
  try {
    return serverSideApply({
      live,
      applied,
      manager: options.fieldManager,
      force: options.force,
      schema: ctx.schemas.schemaFor(type),
      now: rfc3339(ctx.clock),
      ...(subresource ? { subresource } : {}),
    });
  } catch (error) {
    if (error instanceof ApplyConflictError) {
      throw new ApiError(409, 'Conflict', error.message, {
        name: applied.metadata.name!,
        group: type.group,
        kind: type.plural,
        causes: error.conflicts.map((c) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}"`,
          field: c.field,
        })),
      });
    }
    if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
    throw error;
  }
}

/** A JSON patch document (JSON, merge or strategic merge); a body that is not JSON is a 400. */
export function parseJsonBody(body: string): Json {
  try {
    return JSON.parse(body) as Json;
  } catch (error) {
    throw badRequest(`error decoding patch: ${(error as Error).message}`);
  }
}
