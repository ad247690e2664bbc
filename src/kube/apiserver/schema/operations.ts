import type { ResourceType } from '../resources/resource-type.ts';
import { wellKnown } from './definition-names.ts';

/** One REST operation of a resource, independent of the OpenAPI version it is rendered into. */
export interface Operation {
  path: string;
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  /** x-kubernetes-action. */
  action: 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection';
  operationId: string;
  description: string;
  tag: string;
  gvk: { group: string; version: string; kind: string };
  query: QueryParameter[];
  pathParameters: ('namespace' | 'name')[];
  /** The definition of the request body; patch bodies are meta/v1 Patch in any of `patchTypes`. */
  requestDefinition?: string;
  patchTypes?: string[];
  responseDefinition: string;
  responseCodes: string[];
}

export type QueryParameter = keyof typeof queryParameters;

/** Query parameters of the operations, with the descriptions clients show. */
export const queryParameters = {
  allowWatchBookmarks: {
    type: 'boolean',
    description: 'allowWatchBookmarks requests watch events with type "BOOKMARK".',
  },
  continue: {
    type: 'string',
    description: 'The continue option should be set when retrieving more results from the server.',
  },
  dryRun: {
    type: 'string',
    description:
      'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed',
  },
  fieldManager: {
    type: 'string',
    description: 'fieldManager is a name associated with the actor or entity that is making these changes.',
  },
  fieldSelector: {
    type: 'string',
    description: 'A selector to restrict the list of returned objects by their fields.',
  },
  fieldValidation: {
    type: 'string',
    description:
      'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict.',
  },
  force: {
    type: 'boolean',
    description: 'Force is going to "force" Apply requests. It must be unset for non-apply patch requests.',
  },
  gracePeriodSeconds: { type: 'integer', description: 'The duration in seconds before the object should be deleted.' },
  labelSelector: {
    type: 'string',
    description: 'A selector to restrict the list of returned objects by their labels.',
  },
  limit: { type: 'integer', description: 'limit is a maximum number of responses to return for a list call.' },
  orphanDependents: { type: 'boolean', description: 'Deprecated: please use the PropagationPolicy.' },
  propagationPolicy: {
    type: 'string',
    description:
      "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background', 'Foreground'.",
  },
  resourceVersion: {
    type: 'string',
    description: 'resourceVersion sets a constraint on what resource versions a request may be served from.',
  },
  resourceVersionMatch: {
    type: 'string',
    description: 'resourceVersionMatch determines how resourceVersion is applied to list calls.',
  },
  sendInitialEvents: { type: 'boolean', description: 'sendInitialEvents=true may be set together with watch=true.' },
  timeoutSeconds: { type: 'integer', description: 'Timeout for the list/watch call.' },
  watch: {
    type: 'boolean',
    description:
      'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.',
  },
} as const;

const listQuery: QueryParameter[] = [
  'allowWatchBookmarks',
  'continue',
  'fieldSelector',
  'labelSelector',
  'limit',
  'resourceVersion',
  'resourceVersionMatch',
  'sendInitialEvents',
  'timeoutSeconds',
  'watch',
];
const writeQuery: QueryParameter[] = ['dryRun', 'fieldManager', 'fieldValidation'];
const deleteQuery: QueryParameter[] = ['dryRun', 'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'];

const builtinPatchTypes = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
// Custom resources accept no strategic merge patch; its absence is what makes kubectl send a merge patch.
const customPatchTypes = builtinPatchTypes.filter((type) => type !== 'application/strategic-merge-patch+json');

function camel(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "apps" → "AppsV1", "" → "CoreV1", "rbac.authorization.k8s.io" → "RbacAuthorizationV1", as operationIds spell it. */
function groupVersionId(type: ResourceType): string {
  const group = type.group === '' ? 'core' : type.group.replace(/\.k8s\.io$/, '');
  return group.split('.').map(camel).join('') + camel(type.version);
}

function tagOf(type: ResourceType): string {
  const group = type.group === '' ? 'core' : type.group.replace(/\.k8s\.io$/, '');
  const [first = '', ...rest] = group.split('.');
  return `${first}${rest.map(camel).join('')}_${type.version}`;
}

/**
 * The operations Kubernetes publishes for a resource: collection and item paths (plus the all-namespaces list),
 * and the status and scale subresources, each verb only when the resource supports it.
 */
export function resourceOperations(
  type: ResourceType,
  definitions: { object: string; list: string | undefined },
): Operation[] {
  const prefix = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced ? 'Namespaced' : '';
  const collection = type.namespaced ? `${prefix}/namespaces/{namespace}/${type.plural}` : `${prefix}/${type.plural}`;
  const item = `${collection}/{name}`;
  const ids = groupVersionId(type);
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const verbs = new Set(type.verbs);
  const patchTypes = type.crd ? customPatchTypes : builtinPatchTypes;
  const collectionParameters: Operation['pathParameters'] = type.namespaced ? ['namespace'] : [];
  const itemParameters: Operation['pathParameters'] = [...collectionParameters, 'name'];
  const base = { tag: tagOf(type), gvk };
  const operations: Operation[] = [];

  if (verbs.has('list') && definitions.list) {
    const list = {
      ...base,
      method: 'get' as const,
      action: 'list' as const,
      query: listQuery,
      responseDefinition: definitions.list,
      responseCodes: ['200'],
    };
    operations.push({
      ...list,
      path: collection,
      operationId: `list${ids}${scope}${type.kind}`,
      description: `list or watch objects of kind ${type.kind}`,
      pathParameters: collectionParameters,
    });
    if (type.namespaced) {
      operations.push({
        ...list,
        path: `${prefix}/${type.plural}`,
        operationId: `list${ids}${type.kind}ForAllNamespaces`,
        description: `list or watch objects of kind ${type.kind}`,
        pathParameters: [],
      });
    }
  }
  if (verbs.has('create')) {
    operations.push({
      ...base,
      path: collection,
      method: 'post',
      action: 'post',
      operationId: `create${ids}${scope}${type.kind}`,
      description: `create a ${type.kind}`,
      query: writeQuery,
      pathParameters: collectionParameters,
      requestDefinition: definitions.object,
      responseDefinition: definitions.object,
      responseCodes: ['200', '201', '202'],
    });
  }
  if (verbs.has('deletecollection')) {
    operations.push({
      ...base,
      path: collection,
      method: 'delete',
      action: 'deletecollection',
      operationId: `delete${ids}Collection${scope}${type.kind}`,
      description: `delete collection of ${type.kind}`,
      query: [...listQuery.filter((name) => name !== 'watch' && name !== 'allowWatchBookmarks'), ...deleteQuery],
      pathParameters: collectionParameters,
      requestDefinition: wellKnown.deleteOptions,
      responseDefinition: wellKnown.status,
      responseCodes: ['200'],
    });
  }
  const itemOperations = (options: { suffix: string; idSuffix: string; object: string; kind: Operation['gvk'] }) => {
    const path = item + options.suffix;
    const name = `${scope}${type.kind}${options.idSuffix}`;
    const common = { ...base, gvk: options.kind, path, pathParameters: itemParameters };
    const what = options.suffix
      ? `${options.suffix.slice(1)} of the specified ${type.kind}`
      : `the specified ${type.kind}`;
    if (verbs.has('get')) {
      operations.push({
        ...common,
        method: 'get',
        action: 'get',
        operationId: `read${ids}${name}`,
        description: `read ${what}`,
        query: [],
        responseDefinition: options.object,
        responseCodes: ['200'],
      });
    }
    if (verbs.has('update')) {
      operations.push({
        ...common,
        method: 'put',
        action: 'put',
        operationId: `replace${ids}${name}`,
        description: `replace ${what}`,
        query: writeQuery,
        requestDefinition: options.object,
        responseDefinition: options.object,
        responseCodes: ['200', '201'],
      });
    }
    if (verbs.has('patch')) {
      operations.push({
        ...common,
        method: 'patch',
        action: 'patch',
        operationId: `patch${ids}${name}`,
        description: `partially update ${what}`,
        query: [...writeQuery, 'force'],
        requestDefinition: wellKnown.patch,
        patchTypes,
        responseDefinition: options.object,
        responseCodes: ['200', '201'],
      });
    }
  };
  itemOperations({ suffix: '', idSuffix: '', object: definitions.object, kind: gvk });
  if (verbs.has('delete')) {
    operations.push({
      ...base,
      path: item,
      method: 'delete',
      action: 'delete',
      operationId: `delete${ids}${scope}${type.kind}`,
      description: `delete a ${type.kind}`,
      query: deleteQuery,
      pathParameters: itemParameters,
      requestDefinition: wellKnown.deleteOptions,
      responseDefinition: wellKnown.status,
      responseCodes: ['200', '202'],
    });
  }
  if (type.subresources.includes('status')) {
    itemOperations({ suffix: '/status', idSuffix: 'Status', object: definitions.object, kind: gvk });
  }
  if (type.subresources.includes('scale')) {
    const scale = { group: 'autoscaling', version: 'v1', kind: 'Scale' };
    itemOperations({ suffix: '/scale', idSuffix: 'Scale', object: wellKnown.scale, kind: scale });
  }
  return operations;
}
