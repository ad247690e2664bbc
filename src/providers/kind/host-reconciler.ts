import type { Clock, Random } from '../../clock/index.ts';
import { startReconciler } from '../embedded/embedded-reconciler.ts';
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
  const controller = await startReconciler(options);
  return {
    webhookUrl: controller.webhookUrl!,
    namespace: controller.namespace,
    close: () => controller.close(),
  };
};
