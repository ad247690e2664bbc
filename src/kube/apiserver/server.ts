import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, Random } from '../../clock/index.ts';
import { startCrdController } from './crd/crd-controller.ts';
import { createHandler } from './http/handler.ts';
import { KubeApi } from './kube-api.ts';
import { ResourceTypes } from './resources/resource-types.ts';
import { ServiceAllocators } from './rest/allocators.ts';
import type { ApiContext } from './rest/api-context.ts';
import { SchemaRegistry } from './schema/index.ts';
import { seedSystemObjects } from './seed.ts';
import { Store } from './storage/store.ts';

export interface ApiServerOptions {
  clock: Clock;
  random?: Random;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How many changes watches can resume across before they must relist (410). */
  historySize?: number;
}

export interface StartedApiServer extends AsyncDisposable {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** In-process access with the same semantics as the REST API, for the embedded controllers. */
  readonly api: KubeApi;
  readonly context: ApiContext;
  /** Ends every open watch stream cleanly (what a real server does when a watch times out). */
  endWatches(): void;
  close(): Promise<void>;
}

/** Starts the embedded Kubernetes API server on loopback. */
export async function startApiServer(options: ApiServerOptions): Promise<StartedApiServer> {
  const random = options.random ?? new Random(1);
  const context: ApiContext = {
    store: new Store({ historySize: options.historySize ?? 50_000 }),
    clock: options.clock,
    random,
    types: new ResourceTypes(),
    schemas: SchemaRegistry.builtin(),
    allocators: new ServiceAllocators(random),
    openWatches: new Set(),
  };
  const api = new KubeApi(context);
  const stopCrds = startCrdController(context, api);
  seedSystemObjects(api);

  let address = '';
  const server: Server = createServer(createHandler(context, () => address));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const info = server.address() as AddressInfo;
  address = `${info.address}:${info.port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      stopCrds();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };
  return {
    url: `http://${address}`,
    api,
    context,
    endWatches: () => {
      for (const end of [...context.openWatches]) end();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
