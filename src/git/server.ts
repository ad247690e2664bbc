import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Clock } from '../clock/index.ts';
import { messageOf } from '../errors.ts';
import { Access } from './access.ts';
import { ensureAdmin } from './admin.ts';
import { ApiRouter } from './api/router.ts';
import { apiRoutes } from './api/routes.ts';
import { Authenticator } from './auth/authenticate.ts';
import { newPassword } from './auth/credentials.ts';
import type { ServerContext } from './context.ts';
import { GitServerError } from './errors.ts';
import { PushPipeline } from './pushes.ts';
import { matchGitPath, serveGit } from './smart-http/handler.ts';
import { installPushHook } from './smart-http/push-log.ts';
import { StateStore } from './state/store.ts';
import type { PushEvent, WebhookDelivery, WebhookOptions } from './types.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

export interface GitServerOptions {
  /** Bare repositories and the state file live here; reusing it keeps users, repos and hooks. */
  dataDir: string;
  clock: Clock;
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  /** The site admin; a random password is generated when omitted (username `gitops`). */
  admin?: { username: string; password: string };
  /** Aborting it closes the server. */
  signal?: AbortSignal;
  webhook?: WebhookOptions;
}

export interface StartedGitServer extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`; repositories at `{url}/{owner}/{repo}.git`. */
  url: string;
  username: string;
  password: string;
  /** An access token of the admin, valid until the next start on the same data dir. */
  token: string;
  onPush(listener: (event: PushEvent) => void): () => void;
  onDelivery(listener: (delivery: WebhookDelivery) => void): () => void;
  /** Fault injection: while false every request gets 503 and no push is accepted. */
  setAvailable(available: boolean): void;
  close(): Promise<void>;
}

/** Starts the embedded git server: git smart HTTP, the Gitea REST API subset and Gitea push webhooks. */
export async function startGitServer(options: GitServerOptions): Promise<StartedGitServer> {
  options.signal?.throwIfAborted();
  const dataDir = resolve(options.dataDir);
  const { clock } = options;
  await mkdir(join(dataDir, 'repos'), { recursive: true });
  const store = new StateStore(dataDir);
  await store.load();
  const hooksDir = await installPushHook(dataDir);
  const admin = options.admin ?? { username: 'gitops', password: newPassword() };
  const { token } = await ensureAdmin({ store, clock, ...admin });

  const lifetime = new AbortController();
  const dispatcher = new WebhookDispatcher({ ...options.webhook, clock, signal: lifetime.signal });
  const pushes = new PushPipeline({ dispatcher });
  const router = new ApiRouter(apiRoutes);
  const inFlight = new Set<Promise<void>>();
  let available = true;
  let context: (ServerContext & { hooksDir: string }) | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!context) return unavailable(response);
    const url = new URL(request.url ?? '/', context.baseUrl);
    if (!available) return unavailable(response);
    if (url.pathname === '/api/v1' || url.pathname.startsWith('/api/v1/')) {
      return router.handle(context, request, response, url);
    }
    const git = matchGitPath(url.pathname);
    if (git) return serveGit(context, request, response, url, git);
    if (url.pathname === '/api/healthz') {
      response.writeHead(200, { 'Content-Type': 'application/health+json' });
      response.end(JSON.stringify({ status: 'pass', description: 'Gitea: Git with a cup of tea' }));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found.\n');
  };

  const server = createServer((request, response) => {
    const done = handle(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) {
          response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
          response.end(`${messageOf(error)}\n`);
        } else {
          response.destroy();
        }
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    server.once('error', (cause) =>
      reject(
        new GitServerError(
          'GIT_SERVER_START_FAILED',
          `git server could not listen on 127.0.0.1:${options.port ?? 0}: ${cause.message}; pick another port`,
          { cause },
        ),
      ),
    );
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () =>
      resolvePort((server.address() as AddressInfo).port),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  context = {
    dataDir,
    clock,
    baseUrl: url,
    store,
    access: new Access(store),
    auth: new Authenticator(store),
    pushes,
    signal: lifetime.signal,
    hooksDir,
  };
  pushes.attach(context);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort);
      // Reverse order of start: stop taking requests, kill running git processes, drop deliveries, flush state.
      const stopped = new Promise<void>((done) => server.close(() => done()));
      lifetime.abort(new GitServerError('GIT_SERVER_CLOSED', 'the git server was closed'));
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      await stopped;
      await dispatcher.idle();
      await store.flush();
    })();
    return closing;
  };
  const onAbort = () => void close();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    url,
    username: admin.username,
    password: admin.password,
    token,
    onPush: (listener) => pushes.onPush(listener),
    onDelivery: (listener) => dispatcher.onDelivery(listener),
    setAvailable(value) {
      available = value;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

function unavailable(response: ServerResponse): void {
  response.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1', Connection: 'close' });
  response.end('Service Unavailable\n');
}
