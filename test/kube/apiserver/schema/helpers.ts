import { builtinResourceTypes } from '../../../../src/kube/apiserver/resources/builtin.ts';
import type { ResourceType } from '../../../../src/kube/apiserver/resources/resource-type.ts';
import type { Schema } from '../../../../src/kube/apiserver/schema/schema.ts';

export function builtinType(kind: string, group?: string): ResourceType {
  const found = builtinResourceTypes().find(
    (type) => type.kind === kind && (group === undefined || type.group === group),
  );
  if (!found) throw new Error(`no built-in type ${kind}`);
  return found;
}

export const cronTabType: ResourceType = {
  group: 'stable.example.com',
  version: 'v1',
  kind: 'CronTab',
  listKind: 'CronTabList',
  plural: 'crontabs',
  singular: 'crontab',
  namespaced: true,
  shortNames: ['ct'],
  categories: [],
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  crd: { name: 'crontabs.stable.example.com' },
};

export const cronTabSchema: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$' },
        image: { type: 'string' },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
      },
    },
    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

/** Follows a path of property names through a dereferenced schema (`[]` steps into items). */
export function at(schema: Schema | undefined, ...path: string[]): Schema | undefined {
  let node = schema;
  for (const step of path) node = step === '[]' ? node?.items : node?.properties?.[step];
  return node;
}
