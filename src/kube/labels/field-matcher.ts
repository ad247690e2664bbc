import type { KubeObject } from '../object.ts';
import { SelectorError } from './errors.ts';
import type { FieldSelector } from './field-selector.ts';
import type { FieldGetter, FieldTable } from './field-tables.ts';

/**
 * Checks every field of the selector against the kind's table up front (an unknown field is a 400, even when no
 * object would be listed) and returns the predicate. A plain record of getters rejects with the message
 * Kubernetes uses for kinds with their own table and for custom resources.
 */
export function fieldSelectorMatcher(
  selector: FieldSelector,
  supportedFields: FieldTable | Record<string, FieldGetter>,
): (obj: KubeObject) => boolean {
  const table = isTable(supportedFields)
    ? supportedFields
    : { fields: supportedFields, reject: (field: string) => `field label not supported: ${field}` };
  const checks = selector.requirements.map((requirement) => {
    const getter = Object.hasOwn(table.fields, requirement.field) ? table.fields[requirement.field] : undefined;
    if (!getter) throw new SelectorError(table.reject(requirement.field));
    return { getter, requirement };
  });
  return (obj) =>
    checks.every(({ getter, requirement }) => {
      const equal = (getter(obj) ?? '') === requirement.value;
      return requirement.operator === '=' ? equal : !equal;
    });
}

function isTable(value: FieldTable | Record<string, FieldGetter>): value is FieldTable {
  return typeof value.reject === 'function' && typeof value.fields === 'object';
}
