import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Clock, freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import { type StartedGitServer, startGitServer } from '../../git/index.ts';
import type { StartedImageUpdater } from '../../image-updater/index.ts';
import type { StartedApiServer } from '../../kube/apiserver/server.ts';
import type { StartedKubelets } from '../../kube/kubelet/index.ts';
import type { StartedAppController } from '../../reconciler/controller/index.ts';
import { RegistryClient, registryPullResolver, type StartedRegistry, startRegistry } from '../../registry/index.ts';
import { startControlServer } from '../control/control-server.ts';
import { startHostImageUpdater } from '../host-image-updater.ts';
import type { StartedSandbox } from '../sandbox.ts';
import { Startup, type StepListener } from '../startup.ts';
import { kubeconfigFor, removeState, statePaths, writeAtomically, writeState } from '../state/state-files.ts';
import { startEmbeddedCluster } from './embedded-cluster.ts';
import { sandboxFaults } from './embedded-faults.ts';
import { embeddedImagePublisher } from './embedded-images.ts';
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
  signal?: AbortSignal;
  onStep?: StepListener;
  /** Runs once everything is up, before sandbox.json is written (seeding the example world). */
  beforeReady?: (sandbox: StartedSandbox) => Promise<void>;
}

/** The embedded sandbox: the provider-neutral StartedSandbox plus handles on the in-process parts, for tests. */
export interface StartedEmbeddedSandbox extends StartedSandbox {
  readonly provider: 'embedded';
  readonly apiServer: StartedApiServer;
  readonly kubelets: StartedKubelets;
  readonly gitServer: StartedGitServer;
  readonly registryServer: StartedRegistry;
  readonly appController: StartedAppController;
  readonly imageUpdater: StartedImageUpdater;
  /** Whether a node is powered off (the traffic probe fails requests to its pods, as kube-proxy would). */
  isNodeDown(name: string): boolean;
}

/**
 * The embedded world, all in this process: the git server and registry (data under the state dir), then the
 * cluster (API server, controllers, scheduler, kubelets pulling from the registry), the reconciler (which reaches
 * the cluster over HTTP like any client), and a control endpoint for faults. Writes kubeconfig and sandbox.json
 * when ready; tears down in reverse order, also when start-up fails half-way.
 */
export async function startEmbeddedSandbox(options: EmbeddedSandboxOptions): Promise<StartedEmbeddedSandbox> {
  const clock = options.clock ?? new ScaledClock({ speed: options.speed ?? 1 });
  const seed = options.seed ?? freshSeed();
  const random = new Random(seed);
  const startup = new Startup({ onStep: options.onStep, signal: options.signal });
  try {
    const paths = statePaths(options.stateDir);
    await mkdir(paths.dir, { recursive: true });
    const git = await startup.step('Start the git server (Gitea API, smart HTTP)', () =>
      startGitServer({ dataDir: join(paths.dir, 'git'), clock }),
    );
    startup.onClose('git server', () => git.close());
    const registry = await startup.step('Start the OCI registry', () =>
      startRegistry({ dataDir: join(paths.dir, 'registry'), clock }),
    );
    startup.onClose('registry', () => registry.close());
    const imagePullResolver = registryPullResolver({
      knownRegistries: new Map([[registry.url, new RegistryClient({ registry: registry.url, clock })]]),
    });
    const cluster = await startup.step(`Start the Kubernetes cluster (${options.nodes ?? 3} nodes)`, () =>
      startEmbeddedCluster({
        clock,
        random,
        imagePullResolver,
        ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
      }),
    );
    startup.onClose('cluster', () => cluster.close());
    const kubeconfig = kubeconfigFor(cluster.apiServer.url);
    await writeAtomically(paths.kubeconfig, kubeconfig);
    const reconciler = await startup.step('Install and start the reconciler', () =>
      startReconciler({ stateDir: paths.dir, kubeconfig, clock, random, git }),
    );
    startup.onClose('reconciler', () => reconciler.close());
    const imageUpdater = await startup.step('Start the image updater', () =>
      startHostImageUpdater({
        stateDir: paths.dir,
        kubeconfig,
        clock,
        random,
        git: { url: git.url, clusterUrl: git.url, username: git.username, password: git.password },
        registry: { url: `http://${registry.url}`, host: registry.url },
      }),
    );
    startup.onClose('image updater', () => imageUpdater.close());
    const faults = sandboxFaults({ kubelets: cluster.kubelets, git, registry });
    const control = await startControlServer(faults);
    startup.onClose('control server', () => control.close());

    const gitEndpoint = {
      url: git.url,
      clusterUrl: git.url,
      username: git.username,
      password: git.password,
      token: git.token,
    };
    const close = () => startup.close();
    const sandbox: StartedEmbeddedSandbox = {
      provider: 'embedded',
      reconcilerMode: 'host',
      clock,
      seed,
      kubeconfigPath: paths.kubeconfig,
      git: gitEndpoint,
      registry: { url: `http://${registry.url}`, host: registry.url },
      reconciler: { webhookUrl: reconciler.webhookUrl!, namespace: reconciler.namespace },
      faults,
      nodes: cluster.kubelets.all.map((kubelet) => kubelet.nodeName),
      publishImage: embeddedImagePublisher(registry.url, clock),
      apiServer: cluster.apiServer,
      kubelets: cluster.kubelets,
      gitServer: git,
      registryServer: registry,
      appController: reconciler,
      imageUpdater,
      isNodeDown: (name) => cluster.kubelets.get(name)?.state === 'stopped',
      close,
      [Symbol.asyncDispose]: close,
    };
    await options.beforeReady?.(sandbox);
    // sandbox.json appearing is the signal that everything is ready.
    startup.onClose('state files', () => removeState(options.stateDir));
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
    return sandbox;
  } catch (error) {
    await startup.close().catch(() => {});
    throw error;
  }
}
