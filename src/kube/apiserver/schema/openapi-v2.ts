import type { Operation } from './operations.ts';
import { queryParameters } from './operations.ts';
import { reachableDefinitions } from './reachable.ts';
import type { Schema } from './schema.ts';
import { renderV2Definition } from './schema-rendering.ts';

function operationV2(operation: Operation): object {
  const definitionRef = (name: string) => ({ $ref: `#/definitions/${name}` });
  const parameters: object[] = operation.query.map((name) => ({
    name,
    in: 'query',
    type: queryParameters[name].type,
    uniqueItems: true,
    description: queryParameters[name].description,
  }));
  if (operation.requestDefinition) {
    parameters.unshift({
      name: 'body',
      in: 'body',
      required: true,
      schema: definitionRef(operation.requestDefinition),
    });
  }
  const responses: Record<string, object> = {};
  for (const code of operation.responseCodes) {
    responses[code] = { description: 'OK', schema: definitionRef(operation.responseDefinition) };
  }
  responses['401'] = { description: 'Unauthorized' };
  return {
    tags: [operation.tag],
    description: operation.description,
    operationId: operation.operationId,
    consumes: operation.patchTypes ?? ['*/*'],
    produces: ['application/json', 'application/yaml'],
    schemes: ['https'],
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
    'x-kubernetes-action': operation.action,
    'x-kubernetes-group-version-kind': operation.gvk,
  };
}

/** GET /openapi/v2: one Swagger 2.0 document for every group-version, as older kubectl code paths read it. */
export function buildOpenApiV2Document(options: {
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
            type: 'string',
            uniqueItems: true,
          })),
          { name: 'pretty', in: 'query', type: 'string', uniqueItems: true },
        ],
      };
      paths[operation.path] = item;
    }
    item[operation.method] = operationV2(operation);
    roots.add(operation.responseDefinition);
    if (operation.requestDefinition) roots.add(operation.requestDefinition);
  }
  const definitions: Record<string, unknown> = {};
  for (const name of reachableDefinitions(roots, options.lookup).sort()) {
    definitions[name] = renderV2Definition(name, options.lookup(name)!);
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    definitions,
    securityDefinitions: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}
