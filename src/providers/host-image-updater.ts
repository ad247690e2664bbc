import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Clock, Random } from '../clock/index.ts';
import { type StartedImageUpdater, startImageUpdater } from '../image-updater/index.ts';
import type { GitEndpoint, RegistryEndpoint } from './sandbox.ts';

/**
 * The image updater running on the host next to the reconciler (embedded, and kind's `--reconciler host`): it polls
 * the sandbox registry — configured as a registries.conf entry would be: images named `registry.host/…` are read
 * from `registry.url` — every 2 simulated minutes, and writes back to the sandbox git server with the reconciler's
 * repository credentials. Decisions go to image-updater.log as JSON lines.
 */
export async function startHostImageUpdater(options: {
  stateDir: string;
  kubeconfig: string;
  clock: Clock;
  random: Random;
  git: Pick<GitEndpoint, 'url' | 'clusterUrl' | 'username' | 'password'>;
  registry: RegistryEndpoint;
}): Promise<StartedImageUpdater> {
  const config = new KubeConfig();
  config.loadFromString(options.kubeconfig);
  const log = createWriteStream(join(options.stateDir, 'image-updater.log'), { flags: 'a' });
  const { git, registry } = options;
  const ours = (url: string) => url.startsWith(git.url) || url.startsWith(git.clusterUrl);
  const updater = await startImageUpdater({
    kubeconfig: config,
    clock: options.clock,
    random: options.random,
    registries: [{ name: 'sandbox', prefix: registry.host, apiUrl: registry.url, insecure: true, default: true }],
    gitCredentials: (url) => (ours(url) ? { username: git.username, password: git.password } : undefined),
    workDir: join(options.stateDir, 'image-updater'),
    log: (entry) => log.write(`${JSON.stringify(entry)}\n`),
  });
  const close = async () => {
    await updater.close();
    await new Promise<void>((resolve) => log.end(() => resolve()));
  };
  return { runOnce: () => updater.runOnce(), close, [Symbol.asyncDispose]: close };
}
