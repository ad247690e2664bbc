import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import { type StartedGitServer, startGitServer } from '../../git/index.ts';
import { type StartedApiServer, startApiServer } from '../../kube/apiserver/server.ts';
import { startGarbageCollector } from '../../kube/controllers/garbage-collector/garbage-collector.ts';
import { startNamespaceController } from '../../kube/controllers/namespace/namespace-controller.ts';
import { type StartedRegistry, startRegistry } from '../../registry/index.ts';
import { kubeconfigFor, removeState, statePaths, writeAtomically, writeState } from '../state/state-files.ts';

export interface EmbeddedSandboxOptions {
  stateDir: string;
  speed?: number;
  seed?: number;
  /** The API server's port; 0 picks a free one. */
  port?: number;
  clock?: Clock;
}

export interface StartedEmbeddedSandbox extends AsyncDisposable {
  readonly clock: Clock;
  readonly apiServer: StartedApiServer;
  readonly git: StartedGitServer;
  readonly registry: StartedRegistry;
  readonly kubeconfigPath: string;
  close(): Promise<void>;
}

/**
 * The embedded world, all in this process: the API server and its control-plane controllers, the git server and
 * the registry (their data under the state dir). Writes kubeconfig and sandbox.json when ready; tears down in
 * reverse order, also when start-up fails half-way.
 */
export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<StartedEmbeddedSandbox> {
  const clock = options.clock ?? new ScaledClock({ speed: options.speed ?? 1 });
  const random = new Random(options.seed ?? freshSeed());
  const teardown: (() => Promise<void> | void)[] = [];
  const close = async () => {
    while (teardown.length > 0) await teardown.pop()!();
  };
  try {
    const apiServer = await startApiServer({
      clock,
      random,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    teardown.push(() => apiServer.close());
    const controllers = new AbortController();
    teardown.push(() => controllers.abort());
    startGarbageCollector({ api: apiServer.api, clock, signal: controllers.signal });
    startNamespaceController({ api: apiServer.api, types: apiServer.context.types, clock, signal: controllers.signal });

    const paths = statePaths(options.stateDir);
    const git = await startGitServer({ dataDir: join(paths.dir, 'git'), clock });
    teardown.push(() => git.close());
    const registry = await startRegistry({ dataDir: join(paths.dir, 'registry'), clock });
    teardown.push(() => registry.close());
    // kubeconfig first: sandbox.json appearing is the signal that everything is ready.
    teardown.push(() => removeState(options.stateDir));
    await mkdir(paths.dir, { recursive: true });
    await writeAtomically(paths.kubeconfig, kubeconfigFor(apiServer.url));
    await writeState(options.stateDir, {
      provider: 'embedded',
      pid: process.pid,
      kubeconfig: paths.kubeconfig,
      kubernetes: { server: apiServer.url },
      git: { url: git.url, username: git.username, password: git.password, token: git.token },
      registry: { url: registry.url },
      speed: clock.speed,
      startedAt: new Date(clock.now()).toISOString(),
    });
    return { clock, apiServer, git, registry, kubeconfigPath: paths.kubeconfig, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await close();
    throw error;
  }
}
