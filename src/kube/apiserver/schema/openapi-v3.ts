import type { Operation } from './operations.ts';
import { queryParameters } from './operations.ts';
import { reachableDefinitions } from './reachable.ts';
import { ref } from './ref.ts';
import type { Schema } from './schema.ts';
import { renderV3 } from './schema-rendering.ts';

const responseTypes = ['application/json', 'application/yaml'];

const pathParameterSpecs = {
  namespace: { description: 'object name and auth scope, such as for teams and projects' },
  name: { description: 'name of the resource' },
};

function queryParameterV3(name: keyof typeof queryParameters): object {
  const spec = queryParameters[name];
  return { name, in: 'query', description: spec.description, schema: { type: spec.type, uniqueItems: true } };
}

function operationV3(operation: Operation): object {
  const content = (schema: Schema, types: string[]) => Object.fromEntries(types.map((type) => [type, { schema }]));
  const responseBody = { content: content(ref(operation.responseDefinition), responseTypes) };
  const responses: Record<string, object> = {};
  for (const code of operation.responseCodes) {
    responses[code] = { description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK', ...responseBody };
  }
  responses['401'] = { description: 'Unauthorized' };
  const body = operation.requestDefinition
    ? {
        requestBody: {
          content: content(ref(operation.requestDefinition), operation.patchTypes ?? ['*/*']),
          required: true,
        },
      }
    : {};
  return {
    tags: [operation.tag],
    description: operation.description,
    operationId: operation.operationId,
    // Inline, not $ref'd: kubectl's QueryParamVerifierV3 reads parameter names straight off the PATCH operation.
    ...(operation.query.length > 0 ? { parameters: operation.query.map(queryParameterV3) } : {}),
    ...body,
    responses,
    'x-kubernetes-action': operation.action,
    'x-kubernetes-group-version-kind': operation.gvk,
  };
}

/**
 * One group-version's OpenAPI v3 document (GET /openapi/v3/apis/{group}/{version}): every operation of its
 * resources, and in components.schemas every definition they reach.
 */
export function buildOpenApiV3Document(options: {
  operations: Operation[];
  lookup: (definition: string) => Schema | undefined;
}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const roots = new Set<string>();
  for (const operation of options.operations) {
    let item = paths[operation.path];
    if (!item) {
      item = {
        parameters: [
          ...operation.pathParameters.map((name) => ({
            name,
            in: 'path',
            required: true,
            description: pathParameterSpecs[name].description,
            schema: { type: 'string', uniqueItems: true },
          })),
          {
            name: 'pretty',
            in: 'query',
            description: "If 'true', then the output is pretty printed.",
            schema: { type: 'string', uniqueItems: true },
          },
        ],
      };
      paths[operation.path] = item;
    }
    item[operation.method] = operationV3(operation);
    roots.add(operation.responseDefinition);
    if (operation.requestDefinition) roots.add(operation.requestDefinition);
  }
  const schemas: Record<string, unknown> = {};
  for (const name of reachableDefinitions(roots, options.lookup).sort())
    schemas[name] = renderV3(options.lookup(name)!);
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: { schemas },
  };
}
