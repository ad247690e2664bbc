import type { ServerResponse } from 'node:http';
import { ApiError } from '../api-error.ts';

export function sendJson(response: ServerResponse, status: number, body: unknown, warnings: string[] = []): void {
  sendJsonText(response, status, JSON.stringify(body), warnings);
}

/** Sends JSON already serialized (cached object text, or a list assembled from it). */
export function sendJsonText(response: ServerResponse, status: number, text: string, warnings: string[] = []): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  // Warnings as RFC 7234 warn-text, as the real server sends them (kubectl prints "Warning: …").
  if (warnings.length > 0) headers['Warning'] = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  response.writeHead(status, headers);
  response.end(text);
}

export function sendError(response: ServerResponse, error: unknown): void {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(
          500,
          'InternalError',
          `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`,
        );
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, apiError.status, apiError.toStatus());
}
