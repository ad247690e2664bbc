import type { Schema } from './schema.ts';

const roots = new WeakSet<Schema>();

/**
 * Remembers which root schemas came from a CustomResourceDefinition. Their list-type uniqueness is enforced, as
 * the apiextensions server does; built-in lists are validated by Go code that tolerates duplicates (env, ports).
 */
export function markCustomResourceRoot(schema: Schema): void {
  roots.add(schema);
}

export function isCustomResourceRoot(schema: Schema): boolean {
  return roots.has(schema);
}
