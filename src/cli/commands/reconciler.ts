import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Command, InvalidArgumentError } from 'commander';
import { freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { startAppController } from '../../reconciler/controller/index.ts';
import { installReconcilerManifests } from '../../reconciler/manifests/index.ts';
import { port, positiveNumber } from './up.ts';

interface ReconcilerCommandOptions {
  kubeconfig?: string;
  inCluster?: boolean;
  namespace: string;
  webhookPort: number;
  webhookHost: string;
  speed: number;
  seed?: number;
  cacheDir: string;
  pollInterval: number;
  install: boolean;
  log: boolean;
}

/**
 * `gitops-sandbox reconciler --kubeconfig F`: the application controller as a standalone process against any cluster
 * (how it runs against kind, or in-cluster with --in-cluster). Installs the CRDs, default project and RBAC first.
 * Runs until SIGINT/SIGTERM.
 */
export function reconcilerCommand(): Command {
  return new Command('reconciler')
    .description('Run the GitOps reconciler (Argo CD application controller semantics) against a cluster.')
    .option('--kubeconfig <file>', 'kubeconfig of the cluster (default: $KUBECONFIG or ~/.kube/config)')
    .option('--in-cluster', 'use the pod service account instead of a kubeconfig')
    .option('--namespace <ns>', 'the namespace whose Applications are reconciled', 'argocd')
    .option('--webhook-port <n>', 'port of POST /api/webhook (0: a free one)', port, 0)
    .option('--webhook-host <host>', 'address the webhook receiver listens on', '127.0.0.1')
    .option('--speed <n>', 'run every delay (polling, back-offs) N times faster', positiveNumber, 1)
    .option('--seed <n>', 'seed for polling jitter', Number)
    .option(
      '--cache-dir <dir>',
      'git mirrors and checkouts',
      process.env['GITOPS_SANDBOX_CACHE_DIR'] ?? join(homedir(), '.cache', 'gitops-sandbox', 'reconciler'),
    )
    .option('--poll-interval <seconds>', 'timeout.reconciliation (0 disables polling)', nonNegative, 120)
    .option('--no-install', 'do not apply the CRDs, default project and RBAC first')
    .option('--no-log', 'no JSON log lines on stderr')
    .action(async (options: ReconcilerCommandOptions) => {
      const kubeconfig = new KubeConfig();
      if (options.inCluster) kubeconfig.loadFromCluster();
      else if (options.kubeconfig) kubeconfig.loadFromFile(options.kubeconfig);
      else kubeconfig.loadFromDefault();
      const clock = new ScaledClock({ speed: options.speed });
      const random = new Random(options.seed ?? freshSeed());
      const client = new ClusterClient(kubeconfig);
      const lifetime = new AbortController();
      if (options.install) await installReconcilerManifests(client, { clock, signal: lifetime.signal });
      const controller = await startAppController({
        client,
        kubeconfig,
        clock,
        random,
        namespace: options.namespace,
        cacheDir: options.cacheDir,
        log: options.log,
        settings: {
          pollIntervalMs: options.pollInterval * 1000,
          webhook: { port: options.webhookPort, host: options.webhookHost },
        },
        signal: lifetime.signal,
      });
      process.stdout.write(
        [
          `reconciler running against ${client.server} (namespace ${options.namespace}, speed ${options.speed})`,
          `  webhook  ${controller.webhookUrl}`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const done = () => {
          process.off('SIGINT', done);
          process.off('SIGTERM', done);
          resolve();
        };
        process.on('SIGINT', done);
        process.on('SIGTERM', done);
      });
      await controller.close();
      lifetime.abort();
    });
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!(n >= 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a number of at least 0');
  return n;
}
