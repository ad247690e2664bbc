import { isJsonObject } from './json-value.ts';
import type { Schema } from './schema.ts';

/**
 * CRD structural defaulting, in place: a property that is absent (or null while not nullable) takes a copy of its
 * `default`, then defaulting continues inside every value, the defaulted ones included. Nulls of non-nullable
 * fields without a default are dropped first, as the apiextensions server does before defaulting.
 */
export function applySchemaDefaults(value: unknown, schema: Schema): void {
  if (Array.isArray(value)) {
    if (schema.items) for (const item of value) applySchemaDefaults(item, schema.items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const absent = !(key in value) || (value[key] === null && !property.nullable);
    if (absent && property.default !== undefined) value[key] = structuredClone(property.default);
    else if (value[key] === null && !property.nullable) delete value[key];
  }
  for (const [key, field] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property) applySchemaDefaults(field, property);
    else if (typeof schema.additionalProperties === 'object') applySchemaDefaults(field, schema.additionalProperties);
  }
}
