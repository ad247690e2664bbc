import { Command, InvalidArgumentError } from 'commander';
import { startEmbeddedSandbox } from '../../providers/embedded/embedded-sandbox.ts';

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

export function upCommand(): Command {
  return new Command('up')
    .description('Start a sandbox in the foreground; Ctrl-C (SIGINT) or SIGTERM tears it down.')
    .option('--provider <name>', 'where the sandbox runs (embedded: in this process, no Docker)', 'embedded')
    .option('--state-dir <dir>', 'where kubeconfig and sandbox.json are written', '.sandbox')
    .option('--speed <n>', 'run every simulated delay N times faster', positiveNumber, 1)
    .option('--seed <n>', 'seed for jitter, for reproducible runs', Number)
    .option('--port <n>', 'Kubernetes API server port (0: a free one)', port, 0)
    .option('--nodes <n>', 'nodes including the control plane', positiveInteger, 3)
    .action(
      async (options: {
        provider: string;
        stateDir: string;
        speed: number;
        seed?: number;
        port: number;
        nodes: number;
      }) => {
        if (options.provider !== 'embedded') {
          throw new InvalidArgumentError(
            `provider "${options.provider}" is not available yet; use --provider embedded`,
          );
        }
        const sandbox = await startEmbeddedSandbox({
          stateDir: options.stateDir,
          speed: options.speed,
          port: options.port,
          nodes: options.nodes,
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
        process.stdout.write(
          [
            'gitops-sandbox is up (provider: embedded)',
            `  Kubernetes API  ${sandbox.apiServer.url}`,
            `  kubeconfig      ${sandbox.kubeconfigPath}`,
            `  git (Gitea API) ${sandbox.git.url}  user ${sandbox.git.username} / password ${sandbox.git.password}`,
            `  registry        ${sandbox.registry.url} (plain HTTP)`,
            `  nodes           ${sandbox.kubelets.all.map((k) => k.nodeName).join(', ')}`,
            `  reconciler      Applications in namespace ${sandbox.reconciler.namespace}; webhook ${sandbox.reconciler.webhookUrl}`,
            '',
            `  try: kubectl --kubeconfig ${sandbox.kubeconfigPath} get namespaces`,
            '',
            'Press Ctrl-C to stop.',
            '',
          ].join('\n'),
        );
        await waitForSignal();
        process.stdout.write('stopping…\n');
        await sandbox.close();
      },
    );
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
