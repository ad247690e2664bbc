import type { Json, JsonObject, KubeObject } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { compareValues } from './compare.ts';
import { PatchError } from './errors.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject, jsonEqual } from './json.ts';
import { decodeManagedFields, encodeManagedFields, managerId, STRIPPED_FIELDS } from './managed-fields.ts';
import { withObjectMeta } from './object-meta-schema.ts';
import { settleOwnership } from './ownership.ts';
import { prune } from './prune.ts';
import { scopeConfig, scopeSet } from './scope.ts';
import { structuredMerge } from './structured-merge.ts';
import { toFieldSet } from './to-field-set.ts';

export interface ServerSideApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration (the body of an application/apply-patch+yaml request). */
  applied: KubeObject;
  /** The fieldManager query parameter. */
  manager: string;
  /** The force query parameter: take ownership of conflicting fields instead of failing. */
  force: boolean;
  schema: Schema | undefined;
  /** RFC 3339 time recorded on the applier's managedFields entry. */
  now: string;
  subresource?: string;
}

/**
 * Server-side apply (structured merge with field ownership): merges the configuration into the live object,
 * removes fields the manager applied before and no longer applies (unless someone else owns them), and records
 * ownership in metadata.managedFields. Throws ApplyConflictError when the configuration changes fields other
 * managers own and `force` is false; PatchError when the configuration is malformed.
 */
export function serverSideApply(options: ServerSideApplyOptions): KubeObject {
  const { live, applied, manager, force, now, subresource } = options;
  const where = describeApplied(applied);
  validateApplied(applied, manager, where);
  const schema = withObjectMeta(options.schema);

  const liveValue = live ? withoutManagedFields(live) : skeletonOf(applied);
  const config = scopeConfig(configOf(applied), subresource);
  const managers = decodeManagedFields(live?.metadata.managedFields);
  if (live && managers.size === 0) {
    // An object nobody owns yet (created without field management, or with managedFields cleared): as in
    // Kubernetes, everything it already has belongs to "before-first-apply", so the first apply can conflict.
    const before = {
      manager: 'before-first-apply',
      operation: 'Update' as const,
      apiVersion: live.apiVersion,
      time: now,
      set: toFieldSet(liveValue, schema, { strict: false }).difference(STRIPPED_FIELDS),
    };
    managers.set(managerId(before), before);
  }
  const id = managerId({ manager, operation: 'Apply', apiVersion: applied.apiVersion, subresource });
  const previous = managers.get(id);
  const appliedSet = scopeSet(toFieldSet(config, schema, { strict: true }).difference(STRIPPED_FIELDS), subresource);

  let merged = structuredMerge(liveValue, config, schema, where) as JsonObject;
  managers.set(id, {
    manager,
    operation: 'Apply',
    apiVersion: applied.apiVersion,
    time: now,
    set: appliedSet,
    ...(subresource ? { subresource } : {}),
  });
  if (previous && !previous.set.empty) {
    const managed = [...managers.values()].reduce((all, m) => all.union(m.set), new FieldSet());
    merged = prune({ merged, lastSet: previous.set, managed, schema });
  }

  settleOwnership({ managers, actingId: id, comparison: compareValues(liveValue, merged, schema), force });

  const entry = managers.get(id);
  if (entry && previous?.time && jsonEqual(liveValue, merged) && previous.set.equals(appliedSet)) {
    entry.time = previous.time; // a no-op apply leaves the object, its resourceVersion and its entry untouched
  }
  const result = structuredClone(merged) as KubeObject;
  const managedFields = encodeManagedFields(managers);
  if (managedFields.length > 0) result.metadata.managedFields = managedFields;
  else delete result.metadata.managedFields;
  return result;
}

function validateApplied(applied: KubeObject, manager: string, where: string): void {
  if (!isJsonObject(applied)) throw new PatchError('an applied configuration must be an object');
  if (
    typeof applied.apiVersion !== 'string' ||
    !applied.apiVersion ||
    typeof applied.kind !== 'string' ||
    !applied.kind
  ) {
    throw new PatchError(`${where}: an applied configuration must set apiVersion and kind`);
  }
  if (!isJsonObject(applied.metadata)) {
    throw new PatchError(`${where}: an applied configuration must have metadata with at least a name`);
  }
  if (!manager) {
    throw new PatchError(`${where}: server-side apply needs a field manager; pass ?fieldManager=<name> (kubectl does)`);
  }
}

function describeApplied(applied: KubeObject): string {
  const kind = typeof applied?.kind === 'string' ? applied.kind : 'object';
  const name = isJsonObject(applied?.metadata) ? applied.metadata.name : undefined;
  return name ? `${kind} "${name}"` : kind;
}

/**
 * The configuration to merge: no managedFields, and no explicit nulls for server-maintained metadata (generated
 * manifests often carry `creationTimestamp: null`, which must not clear the stored value).
 */
function configOf(applied: KubeObject): JsonObject {
  const config = withoutManagedFields(applied);
  const metadata = { ...(config.metadata as JsonObject) };
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null && STRIPPED_FIELDS.has(['f:metadata', `f:${key}`])) delete metadata[key];
  }
  return { ...config, metadata };
}

export function withoutManagedFields(object: KubeObject): JsonObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  return { ...(object as unknown as JsonObject), metadata: metadata as unknown as Json };
}

/** What an apply that creates an object starts from: just its identity. */
function skeletonOf(applied: KubeObject): JsonObject {
  const metadata: JsonObject = {};
  if (applied.metadata.name !== undefined) metadata.name = applied.metadata.name;
  if (applied.metadata.namespace !== undefined) metadata.namespace = applied.metadata.namespace;
  return { apiVersion: applied.apiVersion, kind: applied.kind, metadata };
}
