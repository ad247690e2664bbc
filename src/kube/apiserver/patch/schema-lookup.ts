import type { Schema } from '../schema/schema.ts';

/**
 * Reads the merge-relevant facts out of a (dereferenced) schema node. `undefined` means "type unknown": maps are
 * granular, lists atomic, exactly like structured-merge-diff's deduced type.
 */

/** Kubernetes' OpenAPI wraps referenced types as `allOf: [{...}]` (to attach a default); look through that. */
export function resolveSchema(schema: Schema | undefined): Schema | undefined {
  let node = schema;
  for (let depth = 0; node && depth < 8; depth++) {
    if (node.properties || node.items || node.additionalProperties || node.type) return node;
    const [only, ...rest] = node.allOf ?? [];
    if (!only || rest.length > 0) return node;
    node = { ...only, ...withoutAllOf(node) };
  }
  return node;
}

function withoutAllOf(schema: Schema): Schema {
  const { allOf: _allOf, ...rest } = schema;
  return rest;
}

/** The schema of `key` inside an object node: a named property, else the map's value schema. */
export function fieldSchema(schema: Schema | undefined, key: string): Schema | undefined {
  const node = resolveSchema(schema);
  if (!node) return undefined;
  const property = node.properties?.[key];
  if (property) return resolveSchema(property);
  return typeof node.additionalProperties === 'object' ? resolveSchema(node.additionalProperties) : undefined;
}

/** True when `key` is a declared property (a struct field) rather than an entry of a map. */
export function isNamedField(schema: Schema | undefined, key: string): boolean {
  return resolveSchema(schema)?.properties?.[key] !== undefined;
}

export function itemSchema(schema: Schema | undefined): Schema | undefined {
  return resolveSchema(resolveSchema(schema)?.items);
}

export function isAtomicMap(schema: Schema | undefined): boolean {
  return resolveSchema(schema)?.['x-kubernetes-map-type'] === 'atomic';
}

/** Strategic-merge-patch metadata of a list or map field. */
export interface PatchMeta {
  strategy: 'merge' | 'replace' | undefined;
  retainKeys: boolean;
  mergeKey: string | undefined;
}

export function patchMeta(schema: Schema | undefined): PatchMeta {
  const node = resolveSchema(schema);
  const strategies = (node?.['x-kubernetes-patch-strategy'] ?? '').split(',').map((s) => s.trim());
  return {
    strategy: strategies.includes('merge') ? 'merge' : strategies.includes('replace') ? 'replace' : undefined,
    retainKeys: strategies.includes('retainKeys'),
    mergeKey: node?.['x-kubernetes-patch-merge-key'],
  };
}

export type ListType = { kind: 'atomic' } | { kind: 'set' } | { kind: 'map'; keys: string[] };

/**
 * How server-side apply treats a list. Built-in types only carry patch metadata on many lists, so — as the API
 * server does when it builds its type model — a `merge` patch strategy means a map list keyed by the merge key,
 * or a set for lists of scalars.
 */
export function listType(schema: Schema | undefined): ListType {
  const node = resolveSchema(schema);
  if (!node) return { kind: 'atomic' };
  const declared = node['x-kubernetes-list-type'];
  if (declared === 'map') {
    const keys =
      node['x-kubernetes-list-map-keys'] ??
      (node['x-kubernetes-patch-merge-key'] ? [node['x-kubernetes-patch-merge-key']] : []);
    return keys.length > 0 ? { kind: 'map', keys } : { kind: 'atomic' };
  }
  if (declared === 'set') return { kind: 'set' };
  if (declared === 'atomic') return { kind: 'atomic' };
  const meta = patchMeta(node);
  if (meta.strategy === 'merge') return meta.mergeKey ? { kind: 'map', keys: [meta.mergeKey] } : { kind: 'set' };
  return { kind: 'atomic' };
}
