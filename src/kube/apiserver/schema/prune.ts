import { objectMetaSchema } from './builtin-schemas.ts';
import { childPath, entryPath, indexPath } from './field-path.ts';
import { isJsonObject } from './json-value.ts';
import type { Schema } from './schema.ts';
import { hasClosedFields } from './structure.ts';

/**
 * CRD pruning, in place: drops every field the structural schema does not declare, except under
 * `x-kubernetes-preserve-unknown-fields`, and keeps apiVersion/kind/metadata of embedded resources (their metadata
 * pruned to ObjectMeta). Returns the dropped paths ("spec.foo"), which the API server turns into warnings.
 */
export function pruneUnknownFields(value: unknown, schema: Schema): string[] {
  const pruned: string[] = [];
  pruneNode(value, schema, '', pruned);
  return pruned;
}

function pruneNode(value: unknown, schema: Schema, path: string, pruned: string[]): void {
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) for (const [index, item] of value.entries()) pruneNode(item, items, indexPath(path, index), pruned);
    return;
  }
  if (!isJsonObject(value)) return;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const closed = hasClosedFields(schema);
  for (const [key, field] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property) pruneNode(field, property, childPath(path, key), pruned);
    else if (typeof schema.additionalProperties === 'object') {
      pruneNode(field, schema.additionalProperties, entryPath(path, key), pruned);
    } else if (embedded && key === 'metadata') pruneNode(field, objectMetaSchema(), childPath(path, key), pruned);
    else if (embedded && (key === 'apiVersion' || key === 'kind')) continue;
    else if (closed) {
      delete value[key];
      pruned.push(childPath(path, key));
    }
  }
}
