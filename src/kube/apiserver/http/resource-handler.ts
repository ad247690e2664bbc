import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from '../api-error.ts';
import type { ApiContext, WriteResult } from '../rest/api-context.ts';
import { create } from '../rest/create.ts';
import { deleteObject } from '../rest/delete.ts';
import { deleteCollection } from '../rest/delete-collection.ts';
import { deleteOptions, writeOptions } from '../rest/options.ts';
import { patch } from '../rest/patch.ts';
import type { ListResult } from '../rest/read.ts';
import { get, list } from '../rest/read.ts';
import { bindPod } from '../rest/subresources/pod-binding.ts';
import { evictPod } from '../rest/subresources/pod-eviction.ts';
import { getScale, patchScale, updateScale } from '../rest/subresources/scale.ts';
import { update } from '../rest/update.ts';
import { jsonOf } from '../storage/json-cache.ts';
import { decodeBody, readBody } from './body.ts';
import { sendJson, sendJsonText } from './respond.ts';
import type { Route } from './route.ts';
import { toTable, wantsTable } from './table.ts';
import { streamWatch } from './watch-stream.ts';

type ResourceRoute = Extract<Route, { kind: 'resource' }>;

/** Dispatches a request on a resource path to the REST operation its method and path name. */
export async function handleResource(
  ctx: ApiContext,
  route: ResourceRoute,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { type, namespace, name, subresource } = route;
  const method = request.method ?? 'GET';
  const accept = request.headers.accept;
  const sendWrite = (result: WriteResult) => sendJson(response, result.status, result.object, result.warnings);

  if (method === 'GET') {
    if (!name) {
      if (query.get('watch') === 'true' || query.get('watch') === '1') {
        streamWatch(ctx, type, namespace, query, request, response);
        return;
      }
      const result = list(ctx, type, namespace, query);
      if (wantsTable(accept)) return sendJson(response, 200, toTable(ctx, type, result.items, result.metadata, query));
      return sendJsonText(response, 200, listJson(result));
    }
    if (subresource === 'scale') return sendJson(response, 200, getScale(ctx, type, namespace, name));
    const object = get(ctx, type, namespace, name);
    if (!wantsTable(accept) || subresource) return sendJsonText(response, 200, jsonOf(object));
    sendJson(
      response,
      200,
      wantsTable(accept) && !subresource
        ? toTable(ctx, type, [object], { resourceVersion: object.metadata.resourceVersion! }, query)
        : object,
    );
    return;
  }

  const body = await readBody(request);
  const text = () => body.toString('utf8');
  const contentType = request.headers['content-type'];
  const options = () => writeOptions(query, request.headers['user-agent']);

  if (method === 'POST') {
    if (!name) return sendWrite(create(ctx, type, namespace, decodeBody(body, contentType), options()));
    if (subresource === 'binding')
      return sendJson(response, 201, bindPod(ctx, type, namespace!, name, decodeBody(body, contentType), options()));
    if (subresource === 'eviction')
      return sendJson(response, 201, evictPod(ctx, type, namespace!, name, decodeBody(body, contentType)));
    throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
  if (!name) {
    if (method === 'DELETE') {
      const result = deleteCollection(ctx, type, namespace, query, deleteOptions(query, decodeBody(body, contentType)));
      return sendJson(response, 200, result);
    }
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  if (method === 'PUT') {
    if (subresource === 'scale')
      return sendWrite(updateScale(ctx, type, namespace, name, decodeBody(body, contentType), options()));
    if (subresource && subresource !== 'status' && subresource !== 'finalize') {
      throw methodNotAllowed('the server does not allow this method on the requested resource');
    }
    return sendWrite(
      update(ctx, type, namespace, name, decodeBody(body, contentType), options(), subresource ? { subresource } : {}),
    );
  }
  if (method === 'PATCH') {
    if (subresource === 'scale')
      return sendWrite(patchScale(ctx, type, namespace, name, contentType ?? '', text(), options()));
    if (subresource && subresource !== 'status')
      throw methodNotAllowed('the server does not allow this method on the requested resource');
    return sendWrite(patch(ctx, type, namespace, name, contentType ?? '', text(), options(), subresource));
  }
  if (method === 'DELETE' && !subresource) {
    return sendWrite(deleteObject(ctx, type, namespace, name, deleteOptions(query, decodeBody(body, contentType))));
  }
  throw methodNotAllowed('the server does not allow this method on the requested resource');
}

/** A list response assembled from the cached JSON of its items. */
function listJson(result: ListResult): string {
  const head = `{"apiVersion":${JSON.stringify(result.apiVersion)},"kind":${JSON.stringify(result.kind)},"metadata":${JSON.stringify(result.metadata)},"items":[`;
  return `${head}${result.items.map(jsonOf).join(',')}]}`;
}
