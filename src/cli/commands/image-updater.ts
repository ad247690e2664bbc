import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Command } from 'commander';
import { freshSeed, Random, ScaledClock } from '../../clock/index.ts';
import {
  DEFAULT_AUTHOR,
  parseRegistriesConf,
  type RegistryConfig,
  repositorySecretCredentials,
  startImageUpdater,
  type UpdateCycleResult,
} from '../../image-updater/index.ts';
import { parseDuration } from '../../reconciler/application/duration.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { positiveInteger, positiveNumber } from './up.ts';

interface ImageUpdaterCommandOptions {
  kubeconfig?: string;
  inCluster?: boolean;
  namespace: string;
  interval: string;
  once?: boolean;
  registriesConf?: string;
  speed: number;
  seed?: number;
  workDir: string;
  gitCommitUser: string;
  gitCommitEmail: string;
  gitCommitMessagePath?: string;
  maxConcurrency: number;
  log: boolean;
}

/**
 * `gitops-sandbox image-updater --kubeconfig F`: the image updater as a standalone process against any cluster,
 * with the real tool's flags (`--interval 2m`, `--once`, registries.conf, commit user/email/template). Polls until
 * SIGINT/SIGTERM, or runs one cycle with --once (or --interval 0) and prints what it did.
 */
export function imageUpdaterCommand(): Command {
  return new Command('image-updater')
    .description('Run the image updater (Argo CD Image Updater annotation semantics) against a cluster.')
    .option('--kubeconfig <file>', 'kubeconfig of the cluster (default: $KUBECONFIG or ~/.kube/config)')
    .option('--in-cluster', 'use the pod service account instead of a kubeconfig')
    .option('--namespace <ns>', 'the namespace whose Applications are updated', 'argocd')
    .option('--interval <duration>', 'time between polls, e.g. 2m, 30s (0: run once)', '2m')
    .option('--once', 'run one update cycle and exit')
    .option(
      '--registries-conf <file>',
      'registries.conf (registries: [{name, prefix, api_url, credentials, insecure, limit, default}])',
    )
    .option('--speed <n>', 'run every delay (polling, back-offs) N times faster', positiveNumber, 1)
    .option('--seed <n>', 'seed for back-off jitter', Number)
    .option(
      '--work-dir <dir>',
      'working clones for git write-back',
      process.env['GITOPS_SANDBOX_CACHE_DIR']
        ? join(process.env['GITOPS_SANDBOX_CACHE_DIR'], 'image-updater')
        : join(homedir(), '.cache', 'gitops-sandbox', 'image-updater'),
    )
    .option('--git-commit-user <name>', 'author of write-back commits', DEFAULT_AUTHOR.name)
    .option('--git-commit-email <email>', 'e-mail of write-back commits', DEFAULT_AUTHOR.email)
    .option('--git-commit-message-path <file>', 'commit message template (Go template: .AppName, range .AppChanges)')
    .option('--max-concurrency <n>', 'applications updated at once', positiveInteger, 10)
    .option('--no-log', 'no JSON log lines on stderr')
    .action(async (options: ImageUpdaterCommandOptions) => {
      const kubeconfig = new KubeConfig();
      if (options.inCluster) kubeconfig.loadFromCluster();
      else if (options.kubeconfig) kubeconfig.loadFromFile(options.kubeconfig);
      else kubeconfig.loadFromDefault();
      const registries: RegistryConfig[] = options.registriesConf
        ? parseRegistriesConf(await readFile(options.registriesConf, 'utf8'), options.registriesConf)
        : [];
      const intervalMs = interval(options.interval);
      const once = options.once === true || intervalMs === 0;
      const updater = await startImageUpdater({
        kubeconfig,
        clock: new ScaledClock({ speed: options.speed }),
        random: new Random(options.seed ?? freshSeed()),
        namespace: options.namespace,
        interval: once ? 0 : intervalMs,
        registries,
        gitCredentials: repositorySecretCredentials(new ClusterClient(kubeconfig), options.namespace),
        workDir: options.workDir,
        gitAuthor: { name: options.gitCommitUser, email: options.gitCommitEmail },
        concurrency: options.maxConcurrency,
        ...(options.gitCommitMessagePath
          ? { commitMessageTemplate: await readFile(options.gitCommitMessagePath, 'utf8') }
          : {}),
        ...(options.log ? { log: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`) } : {}),
      });
      try {
        if (once) {
          process.stdout.write(summary(await updater.runOnce()));
          return;
        }
        process.stdout.write(
          `image updater polling Applications in ${options.namespace} every ${options.interval} (speed ${options.speed}). Press Ctrl-C to stop.\n`,
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
      } finally {
        await updater.close();
      }
    });
}

function summary(result: UpdateCycleResult): string {
  const lines = [
    `${result.applicationsProcessed} application(s), ${result.imagesConsidered} image(s) considered, ${result.imagesUpdated} updated, ${result.imagesSkipped} skipped, ${result.errors} error(s)`,
  ];
  for (const update of result.updates) {
    for (const image of update.images) {
      const via = update.commit ? `commit ${update.commit.slice(0, 7)}` : 'Application spec';
      lines.push(`  ${update.application}: ${image.image} ${image.oldTag || '(none)'} -> ${image.newTag} (${via})`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A Go duration as the real tool's --interval takes it (`2m0s`, `30s`); a bare number is seconds. */
function interval(value: string): number {
  return parseDuration(value, '--interval');
}
