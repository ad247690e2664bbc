import type { ResourceType } from '../resources/resource-type.ts';
import { wellKnown } from './definition-names.ts';
import { SchemaError } from './errors.ts';
import { ref } from './ref.ts';
import type { Schema } from './schema.ts';

const typeMeta = {
  apiVersion: {
    type: 'string',
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert ' +
      'recognized schemas to the latest internal value, and may reject unrecognized values.',
  },
  kind: {
    type: 'string',
    description:
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from ' +
      'the endpoint the client submits requests to. In CamelCase.',
  },
} satisfies Record<string, Schema>;

/** OpenAPI definition name of a custom kind: group reversed, as Kubernetes publishes it ("io.argoproj.v1alpha1.Application"). */
export function customDefinitionName(type: Pick<ResourceType, 'group' | 'version' | 'kind'>): string {
  return [...type.group.split('.').reverse(), type.version, type.kind].join('.');
}

/**
 * The published root schema of a CRD version: the CRD's openAPIV3Schema with apiVersion and kind declared and
 * metadata replaced by meta/v1 ObjectMeta (a CRD may only restrict name and generateName, which this does not
 * enforce), tagged with the kind's group-version-kind.
 */
export function customResourceRoot(type: ResourceType, openAPIV3Schema: Schema): Schema {
  if (typeof openAPIV3Schema !== 'object' || openAPIV3Schema === null) {
    throw new SchemaError(
      'SCHEMA_INVALID_CRD',
      `the schema of ${type.kind} ${type.group}/${type.version} is not an object`,
    );
  }
  if (openAPIV3Schema.type !== undefined && openAPIV3Schema.type !== 'object') {
    throw new SchemaError(
      'SCHEMA_INVALID_CRD',
      `the root schema of ${type.kind} ${type.group}/${type.version} has type "${openAPIV3Schema.type}"; ` +
        'a custom resource root must be type: object',
    );
  }
  return {
    ...openAPIV3Schema,
    type: 'object',
    properties: {
      ...openAPIV3Schema.properties,
      ...typeMeta,
      metadata: { ...ref(wellKnown.objectMeta), description: 'Standard object metadata.' },
    },
    'x-kubernetes-group-version-kind': [{ group: type.group, version: type.version, kind: type.kind }],
  };
}

/** The list kind of a custom resource, published beside it (`<Kind>List`). */
export function customResourceList(type: ResourceType, itemDefinition: string): Schema {
  return {
    type: 'object',
    description: `${type.listKind} is a list of ${type.kind}`,
    required: ['items'],
    properties: {
      ...typeMeta,
      items: { type: 'array', items: ref(itemDefinition) },
      metadata: ref(wellKnown.listMeta),
    },
    'x-kubernetes-group-version-kind': [{ group: type.group, version: type.version, kind: type.listKind }],
  };
}
