import type { ServerResponse } from 'node:http';
import type { Json } from './convert.ts';

/** Gitea's JSON error bodies (APIError: message + url of the API docs). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: { [key: string]: Json } | undefined;

  constructor(status: number, message: string, body?: { [key: string]: Json }) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

export function sendJson(response: ServerResponse, status: number, value: Json, headers: Record<string, string> = {}) {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

export function sendNoContent(response: ServerResponse): void {
  response.writeHead(204);
  response.end();
}

export function sendError(response: ServerResponse, error: ApiError, baseUrl: string): void {
  sendJson(response, error.status, error.body ?? { message: error.message, url: `${baseUrl}/api/swagger` });
}

/** Gitea's NotFound body for a missing object. */
export function notFound(baseUrl: string, detail?: string): ApiError {
  return new ApiError(404, detail ?? "The target couldn't be found.", {
    errors: detail ? [detail] : null,
    message: "The target couldn't be found.",
    url: `${baseUrl}/api/swagger`,
  });
}

export const unprocessable = (message: string) => new ApiError(422, message);
export const forbidden = (message: string) => new ApiError(403, message);
export const conflict = (message: string) => new ApiError(409, message);
export const unauthorized = (message = 'token is required') => new ApiError(401, message);
