import type { Schema } from '../schema/schema.ts';
import { resolveSchema } from './schema-lookup.ts';

/**
 * ObjectMeta as the merge algorithms need it. Every Kubernetes kind has this metadata, typed even when the rest of
 * the object is not (custom resources without schema), so labels stay granular and finalizers stay a set.
 */
export const objectMetaSchema: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string' },
    deletionTimestamp: { type: 'string' },
    deletionGracePeriodSeconds: { type: 'integer' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
    finalizers: {
      type: 'array',
      items: { type: 'string' },
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    },
    ownerReferences: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          name: { type: 'string' },
          uid: { type: 'string' },
          controller: { type: 'boolean' },
          blockOwnerDeletion: { type: 'boolean' },
        },
      },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['uid'],
      'x-kubernetes-patch-merge-key': 'uid',
      'x-kubernetes-patch-strategy': 'merge',
    },
    managedFields: { type: 'array', items: { type: 'object' }, 'x-kubernetes-list-type': 'atomic' },
  },
};

/** The kind's root schema with `metadata` typed as ObjectMeta when the given schema (or its absence) lacks it. */
export function withObjectMeta(schema: Schema | undefined): Schema {
  const root = resolveSchema(schema);
  if (root?.properties?.metadata) return root;
  if (!root) return { type: 'object', properties: { metadata: objectMetaSchema } };
  return { ...root, properties: { ...root.properties, metadata: objectMetaSchema } };
}
