import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Clock } from '../../clock/index.ts';
import { BlobStore } from '../storage/blob-store.ts';
import { RepositoryStore } from '../storage/repository-store.ts';
import { UploadStore } from '../storage/upload-store.ts';
import type { RouteContext, TagEvent } from './context.ts';
import { DistributionHttpError } from './errors.ts';
import { checkBasicAuth, RateLimiter } from './guards.ts';
import { matchRoute } from './router.ts';

export interface RegistryOptions {
  /** Blobs, manifests, tags and upload sessions live here; a registry restarted on it serves the same content. */
  dataDir: string;
  clock: Clock;
  host?: '127.0.0.1';
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, every request needs these credentials by HTTP basic auth. */
  auth?: { username: string; password: string };
  /** Aborting closes the registry. */
  signal?: AbortSignal;
}

export interface StartedRegistry extends AsyncDisposable {
  /** `127.0.0.1:PORT`, plain HTTP: the form image references and `skopeo --tls-verify=false` use. */
  readonly url: string;
  /** Called after every manifest push by tag; returns the unsubscribe function. */
  onTag(listener: (event: TagEvent) => void): () => void;
  /** Outage fault: while false, every request is answered 503 UNAVAILABLE. */
  setAvailable(available: boolean): void;
  /** Rate-limit fault: above `perSecond` requests per simulated second answer 429; undefined lifts it. */
  setRateLimit(perSecond: number | undefined): void;
  close(): Promise<void>;
}

/** Starts the embedded OCI distribution registry on 127.0.0.1. */
export async function startRegistry(options: RegistryOptions): Promise<StartedRegistry> {
  const { dataDir, clock, auth, signal } = options;
  signal?.throwIfAborted();
  await mkdir(dataDir, { recursive: true });
  const blobs = new BlobStore(join(dataDir, 'blobs'));
  const uploads = new UploadStore(join(dataDir, 'uploads'));
  const repositories = new RepositoryStore(join(dataDir, 'repositories'));
  const listeners = new Set<(event: TagEvent) => void>();
  let available = true;
  let limiter: RateLimiter | undefined;

  const emitTag = (event: TagEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not fail the push that triggered it.
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    try {
      if (!available)
        throw new DistributionHttpError('UNAVAILABLE', { message: 'registry unavailable (outage fault)' });
      if (auth) checkBasicAuth(req, auth);
      limiter?.check();
      const url = new URL(req.url ?? '/', 'http://registry');
      const matched = matchRoute(req.method ?? 'GET', url.pathname);
      const context: RouteContext = { req, res, url, ...matched, blobs, uploads, repositories, clock, emitTag };
      await matched.route(context);
    } catch (error) {
      sendError(res, error);
    }
  };

  const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      signal?.removeEventListener('abort', onAbort);
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  const onAbort = () => void close();
  signal?.addEventListener('abort', onAbort, { once: true });

  return {
    url: `127.0.0.1:${port}`,
    onTag(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAvailable(value) {
      available = value;
    },
    setRateLimit(perSecond) {
      limiter = perSecond === undefined ? undefined : new RateLimiter({ clock, perSecond });
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function sendError(res: ServerResponse, error: unknown): void {
  const httpError =
    error instanceof DistributionHttpError
      ? error
      : new DistributionHttpError('UNKNOWN', { message: error instanceof Error ? error.message : String(error) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = httpError.body();
  res.writeHead(httpError.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...httpError.headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
