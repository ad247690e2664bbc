import type { Json } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject } from './json.ts';
import { childrenOf, shapeOf } from './typed-value.ts';

/**
 * The fields a value sets, as structured-merge-diff's ToFieldSet computes them: leaves are members, list items are
 * members, map entries are members, but declared struct fields are members only when null or empty (otherwise
 * they are implied by their children).
 */
export function toFieldSet(value: Json, schema: Schema | undefined, options: { strict: boolean }): FieldSet {
  const set = new FieldSet();
  walk(value, schema, set, options.strict, '');
  return set;
}

function walk(value: Json, schema: Schema | undefined, node: FieldSet, strict: boolean, where: string): void {
  const shape = shapeOf(value, schema);
  if (shape === 'leaf') {
    node.member = true;
    return;
  }
  for (const child of childrenOf(value, schema, { strict, where: where || '<root>' })) {
    const childNode = node.child(child.element);
    walk(child.value, child.schema, childNode, strict, `${where}.${child.element.slice(2)}`);
    const emptyMap = isJsonObject(child.value) && Object.keys(child.value).length === 0;
    if (shape === 'list' || !child.named || child.value === null || emptyMap) childNode.member = true;
  }
}
