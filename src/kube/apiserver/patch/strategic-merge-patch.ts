import type { Json, JsonObject } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { PatchError } from './errors.ts';
import { describePath, isJsonObject, jsonEqual, preview } from './json.ts';
import { withObjectMeta } from './object-meta-schema.ts';
import { fieldSchema, itemSchema, patchMeta } from './schema-lookup.ts';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  isDirectiveKey,
  PATCH_DIRECTIVE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER_PREFIX,
} from './smp-directives.ts';
import { identity, normalizeElementOrder, partitionByPresence } from './smp-order.ts';

type Path = (string | number)[];

/**
 * Strategic merge patch (application/strategic-merge-patch+json), following k8s.io/apimachinery's strategicpatch:
 * maps merge, `null` deletes, lists with patch strategy `merge` merge by their merge key (or as a union for scalars),
 * other lists replace; the directives `$patch`, `$retainKeys`, `$setElementOrder/<list>` and
 * `$deleteFromPrimitiveList/<list>` are honoured. Without a schema every list replaces.
 */
export function applyStrategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
  schema: Schema | undefined,
): JsonObject {
  if (!isJsonObject(patch)) {
    throw new PatchError(`a strategic merge patch must be a JSON object, got ${preview(patch)}`);
  }
  return mergeMap(structuredClone(original), patch, withObjectMeta(schema), []);
}

/** Merges `patch` into `original` (owned by the caller, mutated) and returns the result. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema | undefined, path: Path): JsonObject {
  if (PATCH_DIRECTIVE in patch) {
    const directive = patch[PATCH_DIRECTIVE];
    const { [PATCH_DIRECTIVE]: _directive, ...rest } = patch;
    if (directive === 'replace') return mergeMap({}, rest, schema, path);
    if (directive === 'delete') return {};
    if (directive !== 'merge') {
      throw new PatchError(
        `unknown $patch directive ${preview(directive)} at ${describePath(path)}: use "replace", "merge" or "delete"`,
      );
    }
    return mergeMap(original, rest, schema, path);
  }

  const result = original;
  applyRetainKeys(result, patch, path);

  const handled = new Set<string>();
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const field = key.slice(SET_ELEMENT_ORDER_PREFIX.length);
    // A list the patch deletes (`field: null`) has nothing left to order; the main loop deletes it.
    if (patch[field] === null) continue;
    applySetElementOrder({ result, patch, field, order, schema: fieldSchema(schema, field), path: [...path, field] });
    handled.add(field);
  }

  const deletions: [string, Json][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER_PREFIX) || handled.has(key)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      deletions.push([key.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length), value]);
      continue;
    }
    if (isDirectiveKey(key)) {
      throw new PatchError(
        `unknown strategic merge patch directive "${key}" at ${describePath(path)}: supported are $patch, $retainKeys, $setElementOrder/<list> and $deleteFromPrimitiveList/<list>`,
      );
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    result[key] = mergeValue(result[key], value, fieldSchema(schema, key), [...path, key]);
  }

  // Deletions run after additions so a patch that adds and removes the same scalar ends without it.
  for (const [field, values] of deletions) {
    const at = describePath([...path, field]);
    if (!Array.isArray(values)) {
      throw new PatchError(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}${field} at ${at} must be a list of values`);
    }
    const current = result[field];
    if (Array.isArray(current)) result[field] = current.filter((item) => !values.some((v) => jsonEqual(v, item)));
  }
  return result;
}

function mergeValue(current: Json | undefined, value: Json, schema: Schema | undefined, path: Path): Json {
  const meta = patchMeta(schema);
  if (isJsonObject(value)) {
    if (meta.strategy === 'replace') return structuredClone(value);
    // A map the original lacks still goes through the merge so its directives are consumed, not stored.
    return mergeMap(isJsonObject(current) ? current : {}, value, schema, path);
  }
  if (Array.isArray(value)) {
    if (meta.strategy !== 'merge') return structuredClone(value);
    return mergeList(Array.isArray(current) ? current : [], value, schema, path);
  }
  return value;
}

function applyRetainKeys(result: JsonObject, patch: JsonObject, path: Path): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  const at = describePath(path);
  if (!Array.isArray(retain) || !retain.every((key) => typeof key === 'string')) {
    throw new PatchError(`$retainKeys at ${at} must be a list of field names, got ${preview(retain)}`);
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || isDirectiveKey(key)) continue;
    if (!retain.includes(key)) {
      throw new PatchError(`field "${key}" at ${at} is set by the patch but missing from its $retainKeys list`);
    }
  }
  for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
}

function applySetElementOrder(options: {
  result: JsonObject;
  patch: JsonObject;
  field: string;
  order: Json;
  schema: Schema | undefined;
  path: Path;
}): void {
  const { result, patch, field, order, schema, path } = options;
  const at = describePath(path);
  if (!Array.isArray(order)) {
    throw new PatchError(`${SET_ELEMENT_ORDER_PREFIX}${field} at ${at} must be a list, got ${preview(order)}`);
  }
  const original = result[field];
  const patchList = patch[field];
  if (original !== undefined && original !== null && !Array.isArray(original)) {
    throw new PatchError(`${SET_ELEMENT_ORDER_PREFIX}${field} at ${at} names a field that is not a list`);
  }
  if (patchList !== undefined && !Array.isArray(patchList)) {
    throw new PatchError(`${SET_ELEMENT_ORDER_PREFIX}${field} at ${at} comes with a value that is not a list`);
  }
  const mergeKey = patchMeta(schema).mergeKey;
  validateAgainstOrder(Array.isArray(patchList) ? patchList : [], order, mergeKey, at);

  let merged: Json[];
  if (Array.isArray(original) && Array.isArray(patchList)) {
    merged = mergeValue(original, patchList, schema, path) as Json[];
  } else if (Array.isArray(patchList)) {
    merged = mergeValue(undefined, patchList, schema, path) as Json[];
  } else if (Array.isArray(original)) {
    merged = original;
  } else {
    return;
  }
  const { inPatch, serverOnly } = partitionByPresence(merged, order, mergeKey);
  result[field] = normalizeElementOrder({
    patchItems: inPatch,
    serverOnly,
    patchOrder: order,
    serverOrder: Array.isArray(original) ? original : [],
    mergeKey,
  });
}

/** Every (non-directive) item of the patch list must appear in the order list, in the same relative order. */
function validateAgainstOrder(patchList: Json[], order: Json[], mergeKey: string | undefined, at: string): void {
  const items = patchList.filter((item) => !(isJsonObject(item) && PATCH_DIRECTIVE in item));
  if (mergeKey) {
    for (const item of [...items, ...order]) {
      if (!isJsonObject(item) || !(mergeKey in item)) {
        throw new PatchError(
          `every item of the list at ${at} and of its $setElementOrder list needs the merge key "${mergeKey}", got ${preview(item)}`,
        );
      }
    }
  }
  let next = 0;
  for (const wanted of order) {
    const item = items[next];
    if (item !== undefined && identity(item, mergeKey) === identity(wanted, mergeKey)) next++;
  }
  if (next < items.length) {
    throw new PatchError(
      `the order of the list at ${at} (${preview(patchList)}) does not match its $setElementOrder list (${preview(order)})`,
    );
  }
}

/** Merges a patch list into a list with patch strategy `merge`. */
function mergeList(original: Json[], patch: Json[], schema: Schema | undefined, path: Path): Json[] {
  if (original.length === 0 && patch.length === 0) return original;
  const at = describePath(path);
  const kind = elementKind([...original, ...patch], at);
  const mergeKey = patchMeta(schema).mergeKey;

  if (kind === 'scalar') {
    const merged: Json[] = [];
    for (const item of [...original, ...patch]) if (!merged.some((m) => jsonEqual(m, item))) merged.push(item);
    const { inPatch, serverOnly } = partitionByPresence(merged, patch, undefined);
    return normalizeElementOrder({
      patchItems: inPatch,
      serverOnly,
      patchOrder: patch,
      serverOrder: original,
      mergeKey: undefined,
    });
  }

  if (!mergeKey) {
    throw new PatchError(
      `the list at ${at} has patch strategy merge but no merge key, so its objects cannot be merged`,
    );
  }
  let base = original;
  const plain: JsonObject[] = [];
  for (const item of patch) {
    if (!isJsonObject(item)) throw new PatchError(`the list at ${at} mixes objects and scalars: ${preview(item)}`);
    if (!(PATCH_DIRECTIVE in item)) {
      plain.push(item);
      continue;
    }
    const directive = item[PATCH_DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in item)) {
        throw new PatchError(
          `a {"$patch":"delete"} item in the list at ${at} must name the item by its merge key "${mergeKey}"`,
        );
      }
      base = base.filter((existing) => !(isJsonObject(existing) && existing[mergeKey] === item[mergeKey]));
    } else if (directive === 'replace') {
      // Replace the whole list with the patch's other items.
      const replacement = patch.filter((other) => !(isJsonObject(other) && PATCH_DIRECTIVE in other));
      return replacement.map((other) => mergeMap({}, other as JsonObject, itemSchema(schema), path));
    } else if (directive === 'merge') {
      throw new PatchError(`{"$patch":"merge"} is not supported inside the list at ${at}: list items merge by default`);
    } else {
      throw new PatchError(
        `unknown $patch directive ${preview(directive)} in the list at ${at}: use "replace" or "delete"`,
      );
    }
  }

  const merged: Json[] = [...base];
  for (const item of plain) {
    if (!(mergeKey in item)) {
      throw new PatchError(`an item of the list at ${at} lacks its merge key "${mergeKey}": ${preview(item)}`);
    }
    const index = merged.findIndex((existing) => isJsonObject(existing) && existing[mergeKey] === item[mergeKey]);
    const itemPath = [...path, `${mergeKey}=${String(item[mergeKey])}`];
    if (index >= 0) merged[index] = mergeMap(merged[index] as JsonObject, item, itemSchema(schema), itemPath);
    else merged.push(mergeMap({}, item, itemSchema(schema), itemPath));
  }
  const { inPatch, serverOnly } = partitionByPresence(merged, plain, mergeKey);
  return normalizeElementOrder({ patchItems: inPatch, serverOnly, patchOrder: plain, serverOrder: base, mergeKey });
}

function elementKind(items: Json[], at: string): 'scalar' | 'object' {
  let kind: 'scalar' | 'object' | undefined;
  for (const item of items) {
    if (Array.isArray(item)) throw new PatchError(`the list at ${at} contains a list; lists of lists cannot be merged`);
    const itemKind = isJsonObject(item) ? 'object' : 'scalar';
    if (kind && kind !== itemKind) throw new PatchError(`the list at ${at} mixes objects and scalars`);
    kind = itemKind;
  }
  return kind ?? 'scalar';
}
