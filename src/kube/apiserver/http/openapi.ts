import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageNotFound } from '../api-error.ts';
import type { ApiContext } from '../rest/api-context.ts';
import { sendJson } from './respond.ts';

/**
 * /openapi/v2 and /openapi/v3[/{api/v1 | apis/group/version}]: kubectl reads these to build strategic merge
 * patches and to learn that the server validates fields itself (so `kubectl apply` needs no --validate=false).
 */
export function sendOpenApi(ctx: ApiContext, path: string, request: IncomingMessage, response: ServerResponse): void {
  const types = [...ctx.types.all()];
  if (path === '/openapi/v2') {
    // kubectl 1.27/1.28 ask for the v2 document as protobuf and cannot read JSON there.
    if ((request.headers.accept ?? '').includes('application/com.github.proto-openapi.spec.v2')) {
      const body = ctx.schemas.openApiV2Protobuf();
      response.writeHead(200, {
        'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
        'Content-Length': String(body.length),
      });
      response.end(body);
      return;
    }
    sendJson(response, 200, ctx.schemas.openApiV2(types));
    return;
  }
  if (path === '/openapi/v3') {
    sendJson(response, 200, ctx.schemas.openApiV3Root(types));
    return;
  }
  const rest = path.slice('/openapi/v3/'.length);
  const groupVersion = rest.startsWith('api/')
    ? rest.slice('api/'.length)
    : rest.startsWith('apis/')
      ? rest.slice('apis/'.length)
      : '';
  const document = groupVersion ? ctx.schemas.openApiV3Document(groupVersion, types) : undefined;
  if (!document) throw pageNotFound(path);
  sendJson(response, 200, document);
}
