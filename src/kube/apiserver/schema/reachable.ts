import { refName } from './ref.ts';
import type { Schema } from './schema.ts';

/** Every definition reachable from `roots` through `$ref`s, in discovery order. Unknown names are skipped. */
export function reachableDefinitions(roots: Iterable<string>, lookup: (name: string) => Schema | undefined): string[] {
  const found = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (found.has(name)) continue;
    const schema = lookup(name);
    if (!schema) continue;
    found.add(name);
    collectRefs(schema, pending);
  }
  return [...found];
}

function collectRefs(schema: Schema, into: string[]): void {
  const name = refName(schema);
  if (name !== undefined) into.push(name);
  for (const property of Object.values(schema.properties ?? {})) collectRefs(property, into);
  if (typeof schema.additionalProperties === 'object') collectRefs(schema.additionalProperties, into);
  if (schema.items) collectRefs(schema.items, into);
  if (schema.not) collectRefs(schema.not, into);
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf]) for (const item of list ?? []) collectRefs(item, into);
}
