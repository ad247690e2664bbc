import type { Json, JsonObject } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { isJsonObject } from './json.ts';
import { childrenOf, shapeOf, type TypedChild } from './typed-value.ts';

/**
 * Merges an applied configuration into a live value (structured-merge-diff's Merge): granular maps merge per key,
 * associative lists per item, leaves and atomic values take the configuration's value. A `null` in the
 * configuration clears the field (the API server's decoding drops explicit nulls the same way).
 */
export function structuredMerge(
  live: Json | undefined,
  config: Json,
  schema: Schema | undefined,
  where: string,
): Json | undefined {
  if (config === null) return undefined;
  if (live === undefined || live === null) return dropNulls(config);
  const shape = shapeOf(config, schema);
  if (shape === 'leaf' || shapeOf(live, schema) !== shape || Array.isArray(live) !== Array.isArray(config)) {
    return dropNulls(config);
  }
  if (shape === 'map') {
    const out: JsonObject = { ...(live as JsonObject) };
    for (const child of childrenOf(config, schema, { strict: true, where })) {
      const key = child.element.slice(2);
      const merged = structuredMerge(out[key], child.value, child.schema, `${where}.${key}`);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  return mergeList(live as Json[], config as Json[], schema, where);
}

/**
 * Associative list merge. Items the configuration names follow its order; items only the live list has keep
 * their place relative to them (the interleaving structured-merge-diff performs).
 */
function mergeList(live: Json[], config: Json[], schema: Schema | undefined, where: string): Json[] {
  const lhs = childrenOf(live, schema, { strict: false, where });
  const rhs = childrenOf(config, schema, { strict: true, where });
  const lhsByElement = new Map(lhs.map((child) => [child.element, child]));
  const rhsByElement = new Map(rhs.map((child) => [child.element, child]));
  const shared = rhs.filter((child) => lhsByElement.has(child.element)).map((child) => child.element);
  let nextShared = 0;
  const merged = new Set<string>();
  const out: Json[] = [];
  const emit = (left: TypedChild | undefined, right: TypedChild | undefined): void => {
    const value = right ? structuredMerge(left?.value, right.value, right.schema, where) : left?.value;
    if (value !== undefined) out.push(value);
  };

  let l = 0;
  let r = 0;
  while (l < lhs.length || r < rhs.length) {
    const left = lhs[l];
    const right = rhs[r];
    if (left && right) {
      if (left.element === right.element) {
        emit(left, right);
        merged.add(right.element);
        l++;
        r++;
        nextShared++;
        continue;
      }
      // A shared item the configuration wants later: skip it here, it is emitted when its turn comes.
      if (rhsByElement.has(left.element) && shared[nextShared] !== undefined && shared[nextShared] !== left.element) {
        l++;
        continue;
      }
    }
    if (left) {
      if (!rhsByElement.has(left.element)) {
        emit(left, undefined);
        l++;
        continue;
      }
      if (merged.has(left.element)) {
        l++;
        continue;
      }
    }
    if (right) {
      emit(lhsByElement.get(right.element), right);
      merged.add(right.element);
      if (shared[nextShared] === right.element) nextShared++;
      r++;
    }
  }
  return out;
}

function dropNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) if (child !== null) out[key] = dropNulls(child);
  return out;
}
