import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageOf } from '../../errors.ts';
import type { Caller } from '../auth/authenticate.ts';
import type { ServerContext } from '../context.ts';
import { GitServerError } from '../errors.ts';
import type { UserRecord } from '../state/model.ts';
import type { Json } from './convert.ts';
import { ApiError, notFound, sendError, unauthorized } from './respond.ts';

export interface ApiRequest {
  context: ServerContext;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Record<string, string>;
  caller: Caller;
  /** The parsed JSON body (an object), or a 422 when it is not JSON. */
  body(): Promise<{ [key: string]: Json | undefined }>;
  /** The authenticated user, or a 401 Gitea-style. */
  requireUser(): UserRecord;
}

export type ApiHandler = (request: ApiRequest) => Promise<void>;
export type Route = [method: string, pattern: string, handler: ApiHandler];

interface CompiledRoute {
  method: string;
  regex: RegExp;
  names: string[];
  handler: ApiHandler;
}

/** `:name` matches one segment, a trailing `*` the rest of the path (as `filepath`). */
function compile([method, pattern, handler]: Route): CompiledRoute {
  const names: string[] = [];
  const source = pattern
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      if (part === '*') {
        names.push('filepath');
        return '(.+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { method, regex: new RegExp(`^${source}/?$`), names, handler };
}

const MAX_BODY = 64 * 1024 * 1024;

/** Routes `/api/v1/…` requests; anything unknown is a Gitea-style JSON 404, never a 200. */
export class ApiRouter {
  readonly #routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.#routes = routes.map(compile);
  }

  async handle(context: ServerContext, request: IncomingMessage, response: ServerResponse, url: URL) {
    const path = url.pathname.slice('/api/v1'.length) || '/';
    let allowed = false;
    for (const route of this.#routes) {
      const match = route.regex.exec(path);
      if (!match) continue;
      if (route.method !== request.method) {
        allowed = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1]!);
      });
      try {
        const caller = await context.auth.authenticate(request, url);
        if (caller.kind === 'invalid') throw new ApiError(401, 'user does not exist or the token is invalid');
        await route.handler(makeRequest(context, request, response, url, params, caller));
      } catch (error) {
        this.#fail(context, response, error);
      }
      return;
    }
    if (allowed) return sendError(response, new ApiError(405, 'Method Not Allowed'), context.baseUrl);
    sendError(
      response,
      new ApiError(404, 'Not Found', { message: 'Not Found', url: `${context.baseUrl}/api/swagger` }),
      context.baseUrl,
    );
  }

  #fail(context: ServerContext, response: ServerResponse, error: unknown): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const apiError =
      error instanceof ApiError ? error : (mapGitError(error, context.baseUrl) ?? new ApiError(500, messageOf(error)));
    sendError(response, apiError, context.baseUrl);
  }
}

/** Statuses Gitea answers for failed file and branch changes (routers/api/v1/repo/file.go). */
function mapGitError(error: unknown, baseUrl: string): ApiError | undefined {
  if (!(error instanceof GitServerError)) return undefined;
  switch (error.code) {
    case 'GIT_BRANCH_NOT_FOUND':
    case 'GIT_FILE_NOT_FOUND':
      return notFound(baseUrl, error.message);
    case 'GIT_BRANCH_EXISTS':
    case 'GIT_FILE_EXISTS':
    case 'GIT_SHA_MISMATCH':
    case 'GIT_SHA_REQUIRED':
    case 'GIT_PATH_INVALID':
      return new ApiError(422, error.message);
    case 'GIT_REF_CONFLICT':
      return new ApiError(409, error.message);
    case 'GIT_REPO_EMPTY':
      return new ApiError(409, 'Git Repository is empty.');
    default:
      return undefined;
  }
}

function makeRequest(
  context: ServerContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  params: Record<string, string>,
  caller: Caller,
): ApiRequest {
  return {
    context,
    request,
    response,
    url,
    params,
    caller,
    body: () => readJsonBody(request),
    requireUser() {
      if (caller.kind !== 'user') throw unauthorized();
      return caller.user;
    },
  };
}

async function readJsonBody(request: IncomingMessage): Promise<{ [key: string]: Json | undefined }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiError(413, 'request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    const value = JSON.parse(text) as Json;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new ApiError(422, '[Json]: invalid JSON body');
  }
}
