import type { Json } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { PatchError } from './errors.ts';
import { fieldElement, keyElement, valueElement } from './field-set.ts';
import { isJsonObject, preview } from './json.ts';
import { fieldSchema, isAtomicMap, isNamedField, itemSchema, listType, resolveSchema } from './schema-lookup.ts';

/**
 * A value seen through its schema, the way structured-merge-diff sees it: a leaf (scalar, null, atomic map or
 * atomic list), a granular map, or an associative list (set or map) whose items are addressed by path elements.
 */
export type Shape = 'leaf' | 'map' | 'list';

export interface TypedChild {
  element: string;
  value: Json;
  schema: Schema | undefined;
  /** A declared property of a struct: structured-merge-diff does not list it as a member by itself. */
  named: boolean;
}

export function shapeOf(value: Json, schema: Schema | undefined): Shape {
  if (Array.isArray(value)) return listType(schema).kind === 'atomic' ? 'leaf' : 'list';
  if (isJsonObject(value)) return isAtomicMap(schema) ? 'leaf' : 'map';
  return 'leaf';
}

/**
 * The children of a map or associative list. `strict` (for applied configurations) rejects list items without
 * their key fields and duplicate items; live objects are read leniently (such items are addressed by index).
 */
export function childrenOf(
  value: Json,
  schema: Schema | undefined,
  options: { strict: boolean; where: string },
): TypedChild[] {
  if (isJsonObject(value)) {
    return Object.entries(value).map(([key, child]) => ({
      element: fieldElement(key),
      value: child,
      schema: fieldSchema(schema, key),
      named: isNamedField(schema, key),
    }));
  }
  if (!Array.isArray(value)) return [];
  const items = itemSchema(schema);
  const type = listType(schema);
  const seen = new Set<string>();
  return value.map((item, index) => {
    let element = type.kind === 'map' ? mapListElement(item, items, type.keys) : valueElement(item);
    if (element === undefined || seen.has(element)) {
      if (options.strict) {
        const why =
          element === undefined
            ? `lacks its key field(s) ${type.kind === 'map' ? type.keys.join(', ') : ''}`
            : 'duplicates another item';
        throw new PatchError(
          `${options.where}: list item ${index} ${preview(item)} ${why}; give every item unique keys`,
        );
      }
      element = `i:${index}`;
    }
    seen.add(element);
    return { element, value: item, schema: items, named: false };
  });
}

/**
 * Kubernetes declares `default: TCP` on every built-in `protocol` list key (container, service and endpoint
 * ports); used when the schema at hand does not carry the default itself.
 */
const KNOWN_KEY_DEFAULTS: Record<string, Json> = { protocol: 'TCP' };

/** `k:{...}` for a map-list item; a missing key field falls back to its default, as the API server does. */
function mapListElement(item: Json, schema: Schema | undefined, keys: string[]): string | undefined {
  if (!isJsonObject(item)) return undefined;
  const values: Record<string, Json> = {};
  for (const key of keys) {
    const value =
      item[key] ?? (resolveSchema(schema)?.properties?.[key]?.default as Json | undefined) ?? KNOWN_KEY_DEFAULTS[key];
    if (value === undefined || value === null) return undefined;
    values[key] = value;
  }
  return keyElement(values);
}

/** The schema that applies below a path element (for walks over field sets, where there is no value). */
export function schemaBelow(schema: Schema | undefined, element: string): Schema | undefined {
  return element.startsWith('f:') ? fieldSchema(schema, element.slice(2)) : itemSchema(schema);
}
