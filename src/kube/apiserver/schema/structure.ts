import type { Schema } from './schema.ts';

/**
 * Whether a schema node fixes the set of fields an object may have, so that others are unknown (reported, pruned):
 * it declares properties or is `type: object`, and neither preserves unknown fields nor allows any key.
 */
export function hasClosedFields(schema: Schema): boolean {
  if (schema['x-kubernetes-preserve-unknown-fields'] === true) return false;
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return false;
  return schema.properties !== undefined || schema.type === 'object';
}

/** The schema of one field of an object node: its property, else the map's value schema. */
export function fieldSchemaOf(schema: Schema, key: string): Schema | undefined {
  const property = schema.properties?.[key];
  if (property) return property;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** Fields every embedded resource (and resource root) carries implicitly. */
export const typeMetaFields = new Set(['apiVersion', 'kind', 'metadata']);
