import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Clock, Random } from '../../clock/index.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { startAppController } from '../../reconciler/controller/index.ts';
import { installReconcilerManifests } from '../../reconciler/manifests/index.ts';
import type { GitEndpoint, RegistryEndpoint } from '../sandbox.ts';

/** What a part running on the host (reconciler, image updater) gets to reach the kind sandbox. */
export interface HostPartOptions {
  stateDir: string;
  /** The kind cluster's kubeconfig (text) and where it is on disk. */
  kubeconfig: string;
  kubeconfigPath: string;
  clock: Clock;
  random: Random;
  git: GitEndpoint;
  registry: RegistryEndpoint;
  /**
   * Where a webhook receiver must listen: all interfaces, since Gitea, in a container, reaches the host through
   * the Docker host gateway (host.docker.internal), not through the host's loopback.
   */
  webhookHost: string;
  signal?: AbortSignal;
}

export interface StartedHostReconciler {
  /** The receiver's URL as reachable from this host (http://127.0.0.1:PORT/api/webhook). */
  webhookUrl: string;
  namespace: string;
  close(): Promise<void>;
}

export type StartHostReconciler = (options: HostPartOptions) => Promise<StartedHostReconciler>;
export type StartHostImageUpdater = (options: HostPartOptions) => Promise<{ close(): Promise<void> }>;

/**
 * The default host reconciler for kind: the same controller the embedded world runs (installs its CRDs and
 * default project, logs JSON lines to reconciler.log), against the kind API server, its webhook receiver on all
 * interfaces. Replaceable through startKindSandbox's `startReconciler` dependency.
 */
export const startHostReconciler: StartHostReconciler = async (options) => {
  const config = new KubeConfig();
  config.loadFromString(options.kubeconfig);
  const client = new ClusterClient(config);
  await installReconcilerManifests(client, {
    clock: options.clock,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const log = createWriteStream(join(options.stateDir, 'reconciler.log'), { flags: 'a' });
  const { git } = options;
  const controller = await startAppController({
    client,
    kubeconfig: config,
    clock: options.clock,
    random: options.random,
    namespace: 'argocd',
    cacheDir: join(options.stateDir, 'reconciler-cache'),
    gitCredentials: (url) =>
      url.startsWith(git.url) || url.startsWith(git.clusterUrl)
        ? { username: git.username, password: git.password }
        : undefined,
    settings: { webhook: { port: 0, host: options.webhookHost } },
    log: (entry) => log.write(`${JSON.stringify(entry)}\n`),
  });
  return {
    webhookUrl: controller.webhookUrl!,
    namespace: controller.namespace,
    async close() {
      await controller.close();
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
};
