import type { ModelAttribute } from './client-node-models.ts';
import { wellKnown } from './definition-names.ts';
import { ref } from './ref.ts';
import type { Schema } from './schema.ts';

export interface AttributeContext {
  /** The definition name of a model class, when the type names one. */
  definitionOf(className: string): string | undefined;
  /** Replace the innermost string with this named definition (Quantity, FieldsV1, …). */
  override?: string;
}

/**
 * The OpenAPI schema of one client-node field type: `Array<T>` → array, `{ [key: string]: T; }` → map,
 * Date → meta/v1 Time, IntOrString → intstr.IntOrString, models → `$ref`, `any` → preserve unknown fields.
 */
export function attributeSchema(attribute: ModelAttribute, context: AttributeContext): Schema {
  return typeSchema(attribute.type, attribute.format, context);
}

function typeSchema(type: string, format: string, context: AttributeContext): Schema {
  const array = /^Array<(.*)>$/.exec(type);
  if (array) return { type: 'array', items: typeSchema(array[1]!, format, context) };
  const map = /^\{ \[key: string\]: (.*); \}$/.exec(type);
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1]!, format, context) };
  if (context.override && (type === 'string' || type === 'any')) return ref(context.override);
  switch (type) {
    case 'string':
      return format ? { type: 'string', format } : { type: 'string' };
    case 'number':
      return format === 'int32' || format === 'int64'
        ? { type: 'integer', format }
        : { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return ref(wellKnown.time);
    case 'V1MicroTime':
      return ref(wellKnown.microTime);
    case 'IntOrString':
      return ref(wellKnown.intOrString);
    case 'any':
    case 'object':
      return { 'x-kubernetes-preserve-unknown-fields': true };
  }
  const definition = context.definitionOf(type);
  return definition ? ref(definition) : { 'x-kubernetes-preserve-unknown-fields': true };
}
