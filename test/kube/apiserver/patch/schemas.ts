import type { Schema } from '../../../../src/kube/apiserver/schema/schema.ts';

/** Small schemas of the shape the built-in kind schemas have (a Deployment/Pod subset), for the patch tests. */

const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const stringMap: Schema = { type: 'object', additionalProperties: str };

export const objectMeta: Schema = {
  type: 'object',
  properties: {
    name: str,
    namespace: str,
    uid: str,
    resourceVersion: str,
    generation: int,
    creationTimestamp: str,
    labels: stringMap,
    annotations: stringMap,
    finalizers: {
      type: 'array',
      items: str,
      'x-kubernetes-list-type': 'set',
      'x-kubernetes-patch-strategy': 'merge',
    },
  },
};

const container: Schema = {
  type: 'object',
  properties: {
    name: str,
    image: str,
    args: { type: 'array', items: str },
    ports: {
      type: 'array',
      items: {
        type: 'object',
        properties: { containerPort: int, protocol: { type: 'string', default: 'TCP' }, name: str },
      },
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
      'x-kubernetes-patch-merge-key': 'containerPort',
      'x-kubernetes-patch-strategy': 'merge',
    },
    env: {
      type: 'array',
      items: { type: 'object', properties: { name: str, value: str } },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    },
    resources: { type: 'object', properties: { limits: stringMap, requests: stringMap } },
  },
};

const volume: Schema = {
  type: 'object',
  properties: {
    name: str,
    emptyDir: { type: 'object', properties: { medium: str } },
    configMap: { type: 'object', properties: { name: str } },
  },
};

export const podSpec: Schema = {
  type: 'object',
  properties: {
    containers: {
      type: 'array',
      items: container,
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    },
    volumes: {
      type: 'array',
      items: volume,
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge,retainKeys',
    },
    nodeSelector: { ...stringMap, 'x-kubernetes-map-type': 'atomic' },
    tolerations: { type: 'array', items: { type: 'object', properties: { key: str, operator: str } } },
  },
};

export const deploymentSchema: Schema = {
  type: 'object',
  properties: {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: {
      type: 'object',
      properties: {
        replicas: int,
        selector: {
          type: 'object',
          properties: { matchLabels: stringMap },
          'x-kubernetes-map-type': 'atomic',
        },
        strategy: {
          type: 'object',
          properties: {
            type: str,
            rollingUpdate: { type: 'object', properties: { maxSurge: str, maxUnavailable: str } },
          },
          'x-kubernetes-patch-strategy': 'retainKeys',
        },
        template: {
          type: 'object',
          properties: { metadata: objectMeta, spec: podSpec },
        },
      },
    },
    status: {
      type: 'object',
      properties: {
        replicas: int,
        readyReplicas: int,
        conditions: {
          type: 'array',
          items: { type: 'object', properties: { type: str, status: str } },
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          'x-kubernetes-patch-merge-key': 'type',
          'x-kubernetes-patch-strategy': 'merge',
        },
      },
    },
  },
};

/** The test type of strategicpatch's own test cases (mergingList keyed by name, mergingIntList, retainKeysMap…). */
export const mergeItemSchema: Schema = {
  type: 'object',
  properties: {
    name: str,
    value: str,
    other: str,
    mergingList: {
      type: 'array',
      items: { type: 'object', properties: { name: str, value: str, other: str } },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    },
    mergingIntList: { type: 'array', items: int, 'x-kubernetes-patch-strategy': 'merge' },
    nonMergingList: { type: 'array', items: { type: 'object', properties: { name: str, value: str } } },
    nonMergingIntList: { type: 'array', items: int },
    simpleMap: stringMap,
    retainKeysMap: {
      type: 'object',
      properties: { name: str, value: str, other: str },
      'x-kubernetes-patch-strategy': 'retainKeys',
    },
  },
};

/** Freezes a value deeply so any in-place modification by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
