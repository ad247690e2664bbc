import { jsonEqual } from '../../../json/json-equal.ts';
import type { FieldError } from '../field-error.ts';
import { objectMetaSchema } from './builtin-schemas.ts';
import { isCustomResourceRoot } from './custom-resource-marks.ts';
import { childPath, entryPath, indexPath } from './field-path.ts';
import { formatValue, isJsonObject, jsonTypeName } from './json-value.ts';
import type { Schema } from './schema.ts';
import { hasClosedFields } from './structure.ts';

export interface ValidationResult {
  errors: FieldError[];
  /** Fields the schema does not know, as dotted paths: "spec.template.spec.containers[0].imagee". */
  unknownFields: string[];
}

export interface ValidateOptions {
  /** Prefix of every reported path (default: the value is an object root). */
  path?: string;
  /** Reject duplicate entries of `x-kubernetes-list-type` set/map lists. Default: only for custom resource roots. */
  uniqueListEntries?: boolean;
}

interface Walk {
  errors: FieldError[];
  unknown: string[] | undefined;
  uniqueLists: boolean;
}

/**
 * Validates a decoded object against a dereferenced schema the way the API server's OpenAPI validation does, with
 * its messages (`Invalid value: "string": spec.replicas in body must be of type integer: "string"`). Unknown fields
 * are reported apart, for the strict-decoding / warning decision. `null` in a non-nullable field counts as absent,
 * as Go decoding and CRD null-pruning both treat it.
 */
export function validateAgainstSchema(value: unknown, schema: Schema, options: ValidateOptions = {}): ValidationResult {
  const walk: Walk = {
    errors: [],
    unknown: [],
    uniqueLists: options.uniqueListEntries ?? isCustomResourceRoot(schema),
  };
  validateNode(value, schema, options.path ?? '', walk);
  return { errors: walk.errors, unknownFields: walk.unknown ?? [] };
}

function validateNode(value: unknown, schema: Schema, path: string, walk: Walk): void {
  // null is valid when nullable, and otherwise absent (Go decoding and CRD null-pruning both drop it).
  if (value === null || value === undefined) return;
  if (!checkType(value, schema, path, walk)) return;
  if (schema.enum && !schema.enum.some((allowed) => jsonEqual(allowed, value))) {
    const supported = schema.enum.map((allowed) =>
      typeof allowed === 'string' ? `"${allowed}"` : formatValue(allowed),
    );
    walk.errors.push({
      reason: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${formatValue(value)}: supported values: ${supported.join(', ')}`,
    });
  }
  if (typeof value === 'string') validateString(value, schema, path, walk);
  else if (typeof value === 'number') validateNumber(value, schema, path, walk);
  else if (Array.isArray(value)) validateArray(value, schema, path, walk);
  else if (isJsonObject(value)) validateObject(value, schema, path, walk);
  validateCombinators(value, schema, path, walk);
}

function invalid(walk: Walk, path: string, value: unknown, detail: string): void {
  walk.errors.push({
    reason: 'FieldValueInvalid',
    field: path,
    message: `Invalid value: ${formatValue(value)}: ${detail}`,
  });
}

function typeInvalid(walk: Walk, path: string, actual: string, expected: string): void {
  walk.errors.push({
    reason: 'FieldValueTypeInvalid',
    field: path,
    message: `Invalid value: "${actual}": ${path} in body must be of type ${expected}: "${actual}"`,
  });
}

function checkType(value: unknown, schema: Schema, path: string, walk: Walk): boolean {
  const actual = jsonTypeName(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual === 'integer' || actual === 'string') return true;
    typeInvalid(walk, path, actual, 'integer,string');
    return false;
  }
  const expected = schema.type;
  if (!expected) return true;
  const matches =
    expected === actual ||
    (expected === 'number' && actual === 'integer') ||
    (expected === 'object' && actual === 'object') ||
    (expected === 'array' && actual === 'array');
  if (!matches) {
    typeInvalid(walk, path, actual, expected);
    return false;
  }
  return true;
}

const dateTime = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function validateString(value: string, schema: Schema, path: string, walk: Walk): void {
  if (schema.format === 'date-time' && !dateTime.test(value)) {
    walk.errors.push({
      reason: 'FieldValueTypeInvalid',
      field: path,
      message: `Invalid value: ${formatValue(value)}: ${path} in body must be of type date-time: ${formatValue(value)}`,
    });
  }
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    walk.errors.push({
      reason: 'FieldValueTooLong',
      field: path,
      message: `Too long: may not be more than ${schema.maxLength} bytes`,
    });
  }
  if (schema.minLength !== undefined && length < schema.minLength) {
    invalid(walk, path, value, `${path} in body should be at least ${schema.minLength} chars long`);
  }
  if (schema.pattern !== undefined && !matchesPattern(value, schema.pattern)) {
    invalid(walk, path, value, `${path} in body should match '${schema.pattern}'`);
  }
}

const patterns = new Map<string, RegExp | undefined>();

function matchesPattern(value: string, pattern: string): boolean {
  if (!patterns.has(pattern)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      compiled = undefined; // an ECMAScript-incompatible RE2 pattern: not enforced rather than rejecting everything
    }
    patterns.set(pattern, compiled);
  }
  return patterns.get(pattern)?.test(value) ?? true;
}

function validateNumber(value: number, schema: Schema, path: string, walk: Walk): void {
  if (schema.maximum !== undefined) {
    if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum) {
      const relation = schema.exclusiveMaximum ? 'less than' : 'less than or equal to';
      invalid(walk, path, value, `${path} in body should be ${relation} ${schema.maximum}`);
    }
  }
  if (schema.minimum !== undefined) {
    if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum) {
      const relation = schema.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      invalid(walk, path, value, `${path} in body should be ${relation} ${schema.minimum}`);
    }
  }
  if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
    const quotient = value / schema.multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) {
      invalid(walk, path, value, `${path} in body should be a multiple of ${schema.multipleOf}`);
    }
  }
}

function validateArray(value: unknown[], schema: Schema, path: string, walk: Walk): void {
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    walk.errors.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
    });
  }
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    invalid(walk, path, value, `${path} in body should have at least ${schema.minItems} items`);
  }
  const items = schema.items;
  if (items) {
    for (const [index, item] of value.entries()) validateNode(item, items, indexPath(path, index), walk);
  }
  checkUniqueEntries(value, schema, path, walk);
}

function checkUniqueEntries(value: unknown[], schema: Schema, path: string, walk: Walk): void {
  const listType = schema['x-kubernetes-list-type'];
  const keys = schema['x-kubernetes-list-map-keys'] ?? [];
  const unique = schema.uniqueItems || (walk.uniqueLists && (listType === 'set' || listType === 'map'));
  if (!unique) return;
  const seen: unknown[] = [];
  value.forEach((item, index) => {
    const identity =
      listType === 'map' && isJsonObject(item) ? Object.fromEntries(keys.map((key) => [key, item[key]])) : item;
    if (seen.some((other) => jsonEqual(other, identity))) {
      walk.errors.push({
        reason: 'FieldValueDuplicate',
        field: indexPath(path, index),
        message: `Duplicate value: ${formatValue(identity)}`,
      });
    } else {
      seen.push(identity);
    }
  });
}

function validateObject(value: Record<string, unknown>, schema: Schema, path: string, walk: Walk): void {
  for (const key of schema.required ?? []) {
    if (value[key] === undefined || (value[key] === null && !schema.properties?.[key]?.nullable)) {
      walk.errors.push({ reason: 'FieldValueRequired', field: childPath(path, key), message: 'Required value' });
    }
  }
  const count = Object.keys(value).length;
  if (schema.maxProperties !== undefined && count > schema.maxProperties) {
    walk.errors.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
    });
  }
  if (schema.minProperties !== undefined && count < schema.minProperties) {
    invalid(walk, path, value, `${path} in body should have at least ${schema.minProperties} properties`);
  }
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  if (embedded) validateEmbeddedTypeMeta(value, path, walk);
  const closed = hasClosedFields(schema);
  for (const [key, field] of Object.entries(value)) {
    const property = schema.properties?.[key];
    if (property) {
      validateNode(field, property, childPath(path, key), walk);
    } else if (typeof schema.additionalProperties === 'object') {
      validateNode(field, schema.additionalProperties, entryPath(path, key), walk);
    } else if (embedded && key === 'metadata') {
      validateNode(field, objectMetaSchema(), childPath(path, key), walk);
    } else if (embedded && (key === 'apiVersion' || key === 'kind')) {
      // checked above
    } else if (closed) {
      walk.unknown?.push(childPath(path, key));
    }
  }
}

function validateEmbeddedTypeMeta(value: Record<string, unknown>, path: string, walk: Walk): void {
  for (const key of ['apiVersion', 'kind']) {
    if (typeof value[key] !== 'string' || value[key] === '') {
      walk.errors.push({
        reason: 'FieldValueRequired',
        field: childPath(path, key),
        message: 'Required value: must not be empty',
      });
    }
  }
}

/** allOf/anyOf/oneOf/not: value validations only; their properties never declare fields, so unknowns are not tracked. */
function validateCombinators(value: unknown, schema: Schema, path: string, walk: Walk): void {
  const passes = (sub: Schema) => {
    const inner: Walk = { errors: [], unknown: undefined, uniqueLists: walk.uniqueLists };
    validateNode(value, sub, path, inner);
    return inner.errors;
  };
  for (const sub of schema.allOf ?? []) walk.errors.push(...passes(sub));
  if (schema.anyOf && !schema.anyOf.some((sub) => passes(sub).length === 0)) {
    invalid(walk, path, value, `${path} in body must validate at least one schema (anyOf)`);
  }
  if (schema.oneOf && schema.oneOf.filter((sub) => passes(sub).length === 0).length !== 1) {
    invalid(walk, path, value, `${path} in body must validate one and only one schema (oneOf)`);
  }
  if (schema.not && passes(schema.not).length === 0) {
    invalid(walk, path, value, `${path} in body should not validate the schema`);
  }
}
