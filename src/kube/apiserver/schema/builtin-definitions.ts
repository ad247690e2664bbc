import { builtinResourceTypes } from '../resources/builtin.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import { attributeSchema } from './attribute-schema.ts';
import { clientNodeModels } from './client-node-models.ts';
import { classForDefinition, nameModels, wellKnown } from './definition-names.ts';
import { SchemaError } from './errors.ts';
import { namedFieldTypes, requiredFields } from './field-facts.ts';
import { atomicStructs, fieldPatchMetadata } from './patch-metadata.ts';
import type { Schema } from './schema.ts';

/** Definition name → schema whose nested types are `$ref: '#/components/schemas/<name>'`. */
export type Definitions = ReadonlyMap<string, Schema>;

type GroupVersionKind = { group: string; version: string; kind: string };

/** Definitions for wire scalars and opaque values, which have no client-node model. */
function scalarDefinitions(): [string, Schema][] {
  const opaque: Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  return [
    [wellKnown.time, { type: 'string', format: 'date-time' }],
    [wellKnown.microTime, { type: 'string', format: 'date-time' }],
    [wellKnown.intOrString, { format: 'int-or-string', 'x-kubernetes-int-or-string': true }],
    // resource.Quantity publishes oneOf string|number in OpenAPI v3 ("500m", 0.5).
    [wellKnown.quantity, { oneOf: [{ type: 'string' }, { type: 'number' }] }],
    [wellKnown.fieldsV1, opaque],
    [wellKnown.rawExtension, opaque],
    [wellKnown.patch, { type: 'object' }],
  ];
}

/** Roots beyond the served kinds: what request and response bodies of every group-version refer to. */
const extraRoots: { definition: string; gvk?: GroupVersionKind }[] = [
  { definition: wellKnown.scale, gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' } },
  { definition: wellKnown.status, gvk: { group: '', version: 'v1', kind: 'Status' } },
  { definition: wellKnown.deleteOptions },
  { definition: wellKnown.watchEvent },
  { definition: 'io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList' },
];

/**
 * Builds the OpenAPI definitions of the given built-in types (and everything they reach) from client-node's
 * models, then overlays the facts the models lose: patch/list metadata, required fields, Quantity and friends.
 */
export function buildBuiltinDefinitions(types: ResourceType[] = builtinResourceTypes()): Map<string, Schema> {
  const models = clientNodeModels();
  const has = (name: string) => models.has(name);
  const roots: { className: string; definition: string; gvk?: GroupVersionKind }[] = [];
  const addRoot = (definition: string, gvk?: GroupVersionKind) => {
    const className = classForDefinition(definition, has);
    if (!className) {
      throw new SchemaError('SCHEMA_MODEL_NOT_FOUND', `no @kubernetes/client-node model for ${definition}`);
    }
    roots.push(gvk ? { className, definition, gvk } : { className, definition });
  };
  for (const type of types) {
    if (!type.definition) continue;
    const gvk = { group: type.group, version: type.version };
    addRoot(type.definition, { ...gvk, kind: type.kind });
    if (has(`${classForDefinition(type.definition, has)}List`)) {
      addRoot(`${type.definition}List`, { ...gvk, kind: type.listKind });
    }
  }
  for (const extra of extraRoots) addRoot(extra.definition, extra.gvk);

  const names = nameModels({ models, roots });
  const definitions = new Map<string, Schema>(scalarDefinitions());
  for (const [className, definition] of names) {
    const overrides = namedFieldTypes[definition] ?? {};
    const properties: Record<string, Schema> = {};
    for (const attribute of models.get(className) ?? []) {
      const override = overrides[attribute.baseName];
      properties[attribute.baseName] = attributeSchema(attribute, {
        definitionOf: (name) => names.get(name),
        ...(override ? { override } : {}),
      });
    }
    definitions.set(definition, { type: 'object', properties });
  }
  overlayFacts(definitions);
  for (const root of roots) {
    if (!root.gvk) continue;
    const schema = definitions.get(root.definition)!;
    schema['x-kubernetes-group-version-kind'] = [...(schema['x-kubernetes-group-version-kind'] ?? []), root.gvk];
  }
  return definitions;
}

function overlayFacts(definitions: Map<string, Schema>): void {
  for (const [definition, fields] of Object.entries(fieldPatchMetadata)) {
    const properties = definitions.get(definition)?.properties;
    if (!properties) continue;
    for (const [field, extensions] of Object.entries(fields)) {
      if (properties[field]) Object.assign(properties[field], extensions);
    }
  }
  for (const definition of atomicStructs) {
    const schema = definitions.get(definition);
    if (schema) schema['x-kubernetes-map-type'] = 'atomic';
  }
  for (const [definition, required] of Object.entries(requiredFields)) {
    const schema = definitions.get(definition);
    const present = required.filter((field) => schema?.properties?.[field]);
    if (schema && present.length > 0) schema.required = present;
  }
}
