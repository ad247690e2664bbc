import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageNotFound } from '../api-error.ts';
import type { ApiContext } from '../rest/api-context.ts';
import {
  aggregatedDiscovery,
  aggregatedDiscoveryVersion,
  apiGroup,
  groupList,
  groups,
  legacyVersions,
  resourceList,
} from './discovery.ts';
import { sendOpenApi } from './openapi.ts';
import { handleResource } from './resource-handler.ts';
import { sendError, sendJson } from './respond.ts';
import { resolveRoute } from './route.ts';

/** The version we report: kubectl's dispatcher picks its binary by it, and our semantics follow v1.32. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: 'gitops-sandbox',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.4',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function createHandler(ctx: ApiContext, serverAddress: () => string) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '') || '/';
      if (path === '/version') return sendJson(response, 200, SERVER_VERSION);
      if (path === '/healthz' || path === '/livez' || path === '/readyz') {
        response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('ok');
        return;
      }
      if (path === '/openapi/v2' || path.startsWith('/openapi/v3')) return sendOpenApi(ctx, path, request, response);
      const route = resolveRoute(ctx.types, path);
      switch (route.kind) {
        case 'legacy-root':
        case 'groups-root': {
          const aggregated = aggregatedDiscoveryVersion(request.headers.accept);
          if (aggregated) {
            const apiVersion = `apidiscovery.k8s.io/${aggregated}`;
            const body = aggregatedDiscovery(ctx.types, route.kind === 'legacy-root', apiVersion);
            const text = JSON.stringify(body);
            response.writeHead(200, {
              'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${aggregated};as=APIGroupDiscoveryList`,
              'Content-Length': String(Buffer.byteLength(text)),
              ETag: `"${ctx.types.generation}"`,
            });
            response.end(text);
            return;
          }
          return sendJson(
            response,
            200,
            route.kind === 'legacy-root' ? legacyVersions(serverAddress()) : groupList(ctx.types),
          );
        }
        case 'group': {
          const group = groups(ctx.types).find((g) => g.name === route.group);
          if (!group) throw pageNotFound(path);
          return sendJson(response, 200, apiGroup(group));
        }
        case 'group-version': {
          const known = ctx.types
            .groupVersions()
            .some((gv) => gv.group === route.group && gv.version === route.version);
          if (!known) throw pageNotFound(path);
          return sendJson(response, 200, resourceList(ctx.types, route.group, route.version));
        }
        case 'resource':
          return await handleResource(ctx, route, request, response, url.searchParams);
        default:
          throw pageNotFound(path);
      }
    } catch (error) {
      sendError(response, error);
    }
  };
}
