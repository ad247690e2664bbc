import type { Schema } from './schema.ts';

const prefix = '#/components/schemas/';

/** Definitions point at each other the way OpenAPI v3 documents do: `#/components/schemas/<name>`. */
export function ref(definition: string): Schema {
  return { $ref: prefix + definition };
}

export function refName(schema: Schema): string | undefined {
  return schema.$ref?.startsWith(prefix) ? schema.$ref.slice(prefix.length) : undefined;
}
