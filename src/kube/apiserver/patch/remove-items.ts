import type { Json, JsonObject } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { FieldSet } from './field-set.ts';
import { isNamedField } from './schema-lookup.ts';
import { childrenOf, schemaBelow, shapeOf } from './typed-value.ts';

/**
 * Removes every member path of `set` (with its subtree) from `value`. A map or list emptied by the removal
 * disappears too, as it would after the API server's decoding (empty maps and lists are omitted).
 */
export function removeItems(value: Json, set: FieldSet, schema: Schema | undefined): Json {
  const shape = shapeOf(value, schema);
  if (shape === 'leaf' || set.children.size === 0) return value;
  const children = childrenOf(value, schema, { strict: false, where: '' });
  const kept: { key: string; value: Json }[] = [];
  let removedAny = false;
  for (const child of children) {
    const node = set.children.get(child.element);
    if (node?.member) {
      removedAny = true;
      continue;
    }
    let next = child.value;
    if (node && node.children.size > 0) {
      next = removeItems(child.value, node, child.schema);
      if (next === EMPTIED) {
        removedAny = true;
        continue;
      }
    }
    kept.push({ key: child.element.slice(2), value: next });
  }
  if (removedAny && kept.length === 0) return EMPTIED;
  if (shape === 'list') return kept.map((child) => child.value);
  const out: JsonObject = {};
  for (const child of kept) out[child.key] = child.value;
  return out;
}

/** Marker for "this map or list lost all its entries"; never escapes removeItemsFrom. */
const EMPTIED: Json = Object.freeze({}) as Json;

/** removeItems for a whole object: the root itself never disappears. */
export function removeItemsFrom(value: Json, set: FieldSet, schema: Schema | undefined): Json {
  const result = removeItems(value, set, schema);
  return result === EMPTIED ? {} : result;
}

/**
 * Adds as members the declared struct fields that lead to members (structured-merge-diff's
 * EnsureNamedFieldsAreMembers), so removing "all of a.b" can also remove the named field "a".
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, schema: Schema | undefined): FieldSet {
  const out = new FieldSet();
  out.member = set.member;
  for (const [element, child] of set.children) {
    const next = ensureNamedFieldsAreMembers(child, schemaBelow(schema, element));
    if (element.startsWith('f:') && isNamedField(schema, element.slice(2)) && !next.empty) next.member = true;
    out.children.set(element, next);
  }
  return out;
}
