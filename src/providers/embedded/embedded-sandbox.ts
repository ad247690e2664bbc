import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import { type StartedGitServer, startGitServer } from '../../git/index.ts';
import type { StartedApiServer } from '../../kube/apiserver/server.ts';
import type { StartedKubelets } from '../../kube/kubelet/index.ts';
import type { StartedAppController } from '../../reconciler/controller/index.ts';
import { RegistryClient, registryPullResolver, type StartedRegistry, startRegistry } from '../../registry/index.ts';
import { startControlServer } from '../control/control-server.ts';
import type { Faults } from '../control/faults.ts';
import { kubeconfigFor, removeState, statePaths, writeAtomically, writeState } from '../state/state-files.ts';
import { startEmbeddedCluster } from './embedded-cluster.ts';
import { sandboxFaults } from './embedded-faults.ts';
import { startReconciler } from './embedded-reconciler.ts';

export interface EmbeddedSandboxOptions {
  stateDir: string;
  speed?: number;
  seed?: number;
  /** Nodes including the control plane (default 3). */
  nodes?: number;
  /** The API server's port; 0 picks a free one. */
  port?: number;
  clock?: Clock;
}

export interface StartedEmbeddedSandbox extends AsyncDisposable {
  readonly clock: Clock;
  readonly apiServer: StartedApiServer;
  readonly kubelets: StartedKubelets;
  readonly git: StartedGitServer;
  readonly registry: StartedRegistry;
  readonly reconciler: StartedAppController;
  readonly faults: Faults;
  readonly kubeconfigPath: string;
  close(): Promise<void>;
}

/**
 * The embedded world, all in this process: the git server and registry (data under the state dir), then the
 * cluster (API server, controllers, scheduler, kubelets pulling from the registry), the reconciler (which reaches
 * the cluster over HTTP like any client), and a control endpoint for faults. Writes kubeconfig and sandbox.json when ready; tears down in reverse order, also when start-up fails.
 */
export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<StartedEmbeddedSandbox> {
  const clock = options.clock ?? new ScaledClock({ speed: options.speed ?? 1 });
  const random = new Random(options.seed ?? freshSeed());
  const teardown: (() => Promise<void> | void)[] = [];
  const close = async () => {
    while (teardown.length > 0) await teardown.pop()!();
  };
  try {
    const paths = statePaths(options.stateDir);
    await mkdir(paths.dir, { recursive: true });
    const git = await startGitServer({ dataDir: join(paths.dir, 'git'), clock });
    teardown.push(() => git.close());
    const registry = await startRegistry({ dataDir: join(paths.dir, 'registry'), clock });
    teardown.push(() => registry.close());
    const imagePullResolver = registryPullResolver({
      knownRegistries: new Map([[registry.url, new RegistryClient({ registry: registry.url, clock })]]),
    });
    const cluster = await startEmbeddedCluster({
      clock,
      random,
      imagePullResolver,
      ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    teardown.push(() => cluster.close());
    const reconciler = await startReconciler({
      stateDir: paths.dir,
      kubeconfig: kubeconfigFor(cluster.apiServer.url),
      clock,
      random,
      git,
    });
    teardown.push(() => reconciler.close());
    const faults = sandboxFaults({ kubelets: cluster.kubelets, git, registry });
    const control = await startControlServer(faults);
    teardown.push(() => control.close());

    // kubeconfig first: sandbox.json appearing is the signal that everything is ready.
    teardown.push(() => removeState(options.stateDir));
    await writeAtomically(paths.kubeconfig, kubeconfigFor(cluster.apiServer.url));
    await writeState(options.stateDir, {
      provider: 'embedded',
      pid: process.pid,
      kubeconfig: paths.kubeconfig,
      kubernetes: { server: cluster.apiServer.url },
      git: { url: git.url, username: git.username, password: git.password, token: git.token },
      registry: { url: registry.url },
      control: { url: control.url },
      reconciler: { webhookUrl: reconciler.webhookUrl!, namespace: reconciler.namespace },
      speed: clock.speed,
      startedAt: new Date(clock.now()).toISOString(),
    });
    return {
      clock,
      apiServer: cluster.apiServer,
      kubelets: cluster.kubelets,
      git,
      registry,
      reconciler,
      faults,
      kubeconfigPath: paths.kubeconfig,
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
