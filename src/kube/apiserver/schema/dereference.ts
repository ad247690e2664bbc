import { refName } from './ref.ts';
import type { Schema } from './schema.ts';

/**
 * Turns `$ref`-linked definitions into one object graph that patch, apply and validation can walk without a
 * lookup table. Each definition becomes one shared node (cycles such as JSONSchemaProps stay cycles); a `$ref`
 * with siblings (patch metadata, descriptions) — or Kubernetes' `allOf: [{$ref}]` wrapping — becomes a copy of
 * the target with the siblings laid over it.
 */
export class Dereferencer {
  readonly #lookup: (definition: string) => Schema | undefined;
  readonly #resolved = new Map<string, Schema>();
  #fixups: (() => void)[] = [];
  #depth = 0;

  constructor(lookup: (definition: string) => Schema | undefined) {
    this.#lookup = lookup;
  }

  /** The dereferenced node of a definition, built once. */
  definition(name: string): Schema | undefined {
    const existing = this.#resolved.get(name);
    if (existing) return existing;
    const source = this.#lookup(name);
    if (!source) return undefined;
    const node: Schema = {};
    this.#resolved.set(name, node);
    this.#run(() => Object.assign(node, this.#copy(source)));
    return node;
  }

  /** A dereferenced copy of any schema whose `$ref`s name definitions of this dereferencer. */
  resolve(schema: Schema): Schema {
    let result: Schema = {};
    this.#run(() => {
      result = this.#copy(schema);
    });
    return result;
  }

  #run(work: () => void): void {
    this.#depth++;
    try {
      work();
    } finally {
      this.#depth--;
    }
    if (this.#depth > 0) return;
    // Overlays wait until every definition they copy from is complete (it may still be under construction in a cycle).
    const fixups = this.#fixups;
    this.#fixups = [];
    for (const fixup of fixups) fixup();
  }

  #copy(schema: Schema): Schema {
    const wrapped = schema.allOf?.length === 1 && schema.allOf[0]?.$ref ? schema.allOf[0] : undefined;
    const target = refName(wrapped ?? schema);
    if (target !== undefined) {
      const { $ref: _ref, allOf: _allOf, ...siblings } = schema;
      const base = this.definition(target);
      if (!base) return this.#copyNode(siblings);
      if (Object.keys(siblings).length === 0) return base;
      const overlay = this.#copyNode(siblings);
      const node: Schema = {};
      this.#fixups.push(() => Object.assign(node, base, overlay));
      return node;
    }
    return this.#copyNode(schema);
  }

  #copyNode(schema: Schema): Schema {
    const node: Schema = { ...schema };
    if (schema.properties) {
      node.properties = {};
      for (const [key, value] of Object.entries(schema.properties)) node.properties[key] = this.#copy(value);
    }
    if (typeof schema.additionalProperties === 'object') {
      node.additionalProperties = this.#copy(schema.additionalProperties);
    }
    if (schema.items) node.items = this.#copy(schema.items);
    if (schema.not) node.not = this.#copy(schema.not);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[key];
      if (list) node[key] = list.map((item) => this.#copy(item));
    }
    return node;
  }
}
