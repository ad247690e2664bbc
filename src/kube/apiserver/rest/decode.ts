import type { KubeObject } from '../../object.ts';
import { isPlainObject } from '../../object.ts';
import { ApiError, badRequest, invalid } from '../api-error.ts';
import { groupVersion, type ResourceType } from '../resources/resource-type.ts';
import { applySchemaDefaults, pruneUnknownFields, validateAgainstSchema } from '../schema/index.ts';
import type { ApiContext } from './api-context.ts';
import type { FieldValidation } from './options.ts';

/**
 * What the API server does while decoding a request body into its type: checks the type meta, reports unknown
 * fields per fieldValidation (Strict → 400, Warn → warnings, Ignore), drops them (built-ins decode into Go structs,
 * custom resources are pruned), rejects wrong field types, and applies CRD schema defaults.
 * Returns warnings; mutates `object` (a private copy).
 */
export function decodeInto(
  ctx: ApiContext,
  type: ResourceType,
  object: KubeObject,
  fieldValidation: FieldValidation,
  options: { subresourceKind?: string } = {},
): string[] {
  const kind = options.subresourceKind ?? type.kind;
  const schema = options.subresourceKind ? undefined : ctx.schemas.schemaFor(type);
  if (!schema) return [];
  const { errors, unknownFields } = validateAgainstSchema(object, schema, {});
  const warnings: string[] = [];
  if (unknownFields.length > 0) {
    const listed = unknownFields.map((f) => `unknown field "${f}"`);
    if (fieldValidation === 'Strict') throw badRequest(`strict decoding error: ${listed.join(', ')}`);
    if (fieldValidation === 'Warn') warnings.push(...listed);
    pruneUnknownFields(object, schema);
  }
  if (errors.length > 0) {
    // Custom resources and missing required fields are validation (422); a wrong type in a built-in fails decoding (400).
    const required = errors.filter((e) => e.reason === 'FieldValueRequired');
    if (type.crd || required.length === errors.length) throw invalid(type, object.metadata?.name ?? '', errors);
    const first = errors.find((e) => e.reason !== 'FieldValueRequired')!;
    throw badRequest(
      `${kind} in version "${type.version}" cannot be handled as a ${kind}: ${first.field}: ${first.message}`,
    );
  }
  if (type.crd) applySchemaDefaults(object, schema);
  return warnings;
}

/** Checks that a body is an object of the request's kind and group-version, as the decoder does. */
export function checkTypeMeta(type: ResourceType, body: unknown, expectedKind = type.kind): KubeObject {
  if (!isPlainObject(body)) throw badRequest('the body of the request must be a JSON or YAML object');
  const object = structuredClone(body) as KubeObject;
  if (object['kind'] === undefined || object['kind'] === '') {
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(body).slice(0, 200)}'`);
  }
  if (object.kind !== expectedKind) {
    throw badRequest(
      `the kind in the data (${String(object.kind)}) does not match the expected kind (${expectedKind}) of ${type.plural}`,
    );
  }
  const expected = expectedKind === type.kind ? groupVersion(type) : undefined;
  if (expected && object.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (object.metadata === undefined || object.metadata === null) object.metadata = {};
  if (!isPlainObject(object.metadata)) throw badRequest(`${type.kind}.metadata must be an object`);
  return object;
}

/** The namespace rules every write follows: the body's namespace must match the URL's; cluster objects have none. */
export function settleNamespace(type: ResourceType, object: KubeObject, requestNamespace: string | undefined): void {
  if (!type.namespaced) {
    delete object.metadata.namespace;
    return;
  }
  const given = object.metadata.namespace;
  if (given && requestNamespace && given !== requestNamespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const namespace = given || requestNamespace;
  if (!namespace) throw new ApiError(400, 'BadRequest', 'an empty namespace may not be set during creation');
  object.metadata.namespace = namespace;
}
