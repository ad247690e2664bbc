import type { Json } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { FieldSet } from './field-set.ts';
import { jsonEqual } from './json.ts';
import { childrenOf, shapeOf, type TypedChild } from './typed-value.ts';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Which fields differ between two versions of an object (structured-merge-diff's Compare): leaves by value,
 * granular maps and list items by presence, so a new map counts as added together with its entries.
 */
export function compareValues(
  before: Json | undefined,
  after: Json | undefined,
  schema: Schema | undefined,
): Comparison {
  const comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk(before, after, schema, [], comparison);
  return comparison;
}

function walk(
  before: Json | undefined,
  after: Json | undefined,
  schema: Schema | undefined,
  path: string[],
  out: Comparison,
): void {
  if (before === undefined && after === undefined) return;
  const beforeShape = before === undefined ? undefined : shapeOf(before, schema);
  const afterShape = after === undefined ? undefined : shapeOf(after, schema);
  const shape = afterShape ?? beforeShape;
  if (shape === 'leaf' || (beforeShape && afterShape && beforeShape !== afterShape)) {
    if (before === undefined) out.added.insert(path);
    else if (after === undefined) out.removed.insert(path);
    else if (!jsonEqual(before, after)) out.modified.insert(path);
    return;
  }
  const beforeChildren = indexChildren(before, schema);
  const afterChildren = indexChildren(after, schema);
  for (const [element, child] of beforeChildren) {
    walk(child.value, afterChildren.get(element)?.value, child.schema, [...path, element], out);
  }
  for (const [element, child] of afterChildren) {
    if (!beforeChildren.has(element)) walk(undefined, child.value, child.schema, [...path, element], out);
  }
  if (path.length === 0) return;
  if (before === undefined) out.added.insert(path);
  else if (after === undefined) out.removed.insert(path);
}

function indexChildren(value: Json | undefined, schema: Schema | undefined): Map<string, TypedChild> {
  if (value === undefined) return new Map();
  return new Map(childrenOf(value, schema, { strict: false, where: '' }).map((child) => [child.element, child]));
}
