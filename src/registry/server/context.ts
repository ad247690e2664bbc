import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../clock/index.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { RepositoryStore } from '../storage/repository-store.ts';
import type { UploadStore } from '../storage/upload-store.ts';

export interface TagEvent {
  repository: string;
  tag: string;
  digest: string;
}

/** Everything a route handler needs: the request, the stores and the tag event sink. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The repository name from the path (already validated), empty for /v2/ and the catalog. */
  name: string;
  /** The last path segment: a tag, digest or upload id, depending on the route. */
  reference: string;
  blobs: BlobStore;
  uploads: UploadStore;
  repositories: RepositoryStore;
  clock: Clock;
  emitTag: (event: TagEvent) => void;
}

export type Route = (context: RouteContext) => Promise<void>;

/** Sends a response with no body (HEAD, 201, 202, 204), setting Content-Length as the spec's examples do. */
export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { 'Content-Length': 0, ...headers });
  res.end();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | number> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Reads a whole request body up to `limit` bytes; undefined when it is larger. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
