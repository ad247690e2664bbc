import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Clock, Random } from '../../clock/index.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { type StartedAppController, startAppController } from '../../reconciler/controller/index.ts';
import { installReconcilerManifests } from '../../reconciler/manifests/index.ts';
import type { GitEndpoint } from '../sandbox.ts';

/**
 * The reconciler on the host (the embedded world, and kind's `--reconciler host`): installed into the cluster
 * (CRDs, default project) and started in this process, talking to the API server over HTTP through a kubeconfig.
 * It reads the sandbox's git server with its credentials (by either of its URLs); decisions are logged as JSON
 * lines to reconciler.log. `webhookHost` is the interface its webhook receiver listens on (default loopback).
 */
export async function startReconciler(options: {
  stateDir: string;
  kubeconfig: string;
  clock: Clock;
  random: Random;
  git: Pick<GitEndpoint, 'url' | 'username' | 'password'> & { clusterUrl?: string };
  webhookHost?: string;
  signal?: AbortSignal;
}): Promise<StartedAppController> {
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
      url.startsWith(git.url) || (git.clusterUrl !== undefined && url.startsWith(git.clusterUrl))
        ? { username: git.username, password: git.password }
        : undefined,
    settings: { webhook: { port: 0, ...(options.webhookHost ? { host: options.webhookHost } : {}) } },
    log: (entry) => log.write(`${JSON.stringify(entry)}\n`),
  });
  const close = async () => {
    await controller.close();
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };
  return {
    webhookUrl: controller.webhookUrl,
    namespace: controller.namespace,
    refresh: (name, hard) => controller.refresh(name, hard),
    idle: () => controller.idle(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
