import { appendFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { SandboxError } from '../../errors.ts';
import {
  type ProviderName,
  type ReconcilerMode,
  type StartedSandbox,
  type StepEvent,
  startSandbox,
} from '../../providers/index.ts';
import { statePaths } from '../../providers/state/state-files.ts';
import { stepList } from '../progress/step-list.ts';

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
    .option('--provider <name>', 'embedded (in this process, no Docker) or kind (Docker + kind)', 'embedded')
    .option('--reconciler <mode>', 'host (in this process), in-cluster (kind) or argocd (real Argo CD, kind)', 'host')
    .option('--state-dir <dir>', 'where kubeconfig, sandbox.json and logs are written', '.sandbox')
    .option('--speed <n>', 'run every simulated delay N times faster (embedded)', positiveNumber, 1)
    .option('--seed <n>', 'seed for jitter and names, for reproducible runs', Number)
    .option('--no-seed-world', 'start empty: no example repos, images or Applications')
    .option('--port <n>', 'Kubernetes API server port (0: a free one; embedded)', port, 0)
    .option('--nodes <n>', 'nodes including the control plane (embedded)', positiveInteger, 3)
    .action(async (options: UpOptions) => {
      const controller = new AbortController();
      const abort = () => controller.abort(new SandboxError('Interrupted', 'start-up interrupted'));
      process.once('SIGINT', abort);
      process.once('SIGTERM', abort);
      process.stdout.write(`Starting gitops-sandbox (provider: ${options.provider})\n`);
      const log = await startupLog(options.stateDir);
      const draw = stepList(process.stdout);
      let sandbox: StartedSandbox;
      try {
        sandbox = await startSandbox({
          provider: providerName(options.provider),
          reconciler: reconcilerMode(options.reconciler),
          stateDir: options.stateDir,
          speed: options.speed,
          port: options.port,
          nodes: options.nodes,
          seedWorld: options.seedWorld,
          signal: controller.signal,
          onStep: (event) => {
            draw(event);
            log(event);
          },
          ...(options.seed !== undefined ? { seed: options.seed } : {}),
        });
      } finally {
        process.off('SIGINT', abort);
        process.off('SIGTERM', abort);
      }
      process.stdout.write(`\n${describeSandbox(sandbox)}\nPress Ctrl-C to stop.\n`);
      await waitForSignal();
      process.stdout.write('stopping…\n');
      await sandbox.close();
    });
}

interface UpOptions {
  provider: string;
  reconciler: string;
  stateDir: string;
  speed: number;
  seed?: number;
  seedWorld: boolean;
  port: number;
  nodes: number;
}

function providerName(value: string): ProviderName {
  if (value === 'embedded' || value === 'kind') return value;
  throw new InvalidArgumentError(`unknown provider "${value}"; use embedded or kind`);
}

function reconcilerMode(value: string): ReconcilerMode {
  if (value === 'host' || value === 'in-cluster' || value === 'argocd') return value;
  throw new InvalidArgumentError(`unknown reconciler mode "${value}"; use host, in-cluster or argocd`);
}

/** Where everything is, and a first command to try. */
export function describeSandbox(sandbox: StartedSandbox): string {
  return [
    `gitops-sandbox is up (provider: ${sandbox.provider}, reconciler: ${sandbox.reconcilerMode}, speed ${sandbox.clock.speed}, seed ${sandbox.seed})`,
    `  kubeconfig      ${sandbox.kubeconfigPath}`,
    `  nodes           ${sandbox.nodes.join(', ')}`,
    `  git (Gitea API) ${sandbox.git.url}  user ${sandbox.git.username} / password ${sandbox.git.password}`,
    `  registry        ${sandbox.registry.url}  (images are ${sandbox.registry.host}/<repository>:<tag>)`,
    `  reconciler      Applications in namespace ${sandbox.reconciler.namespace}; webhook ${sandbox.reconciler.webhookUrl}`,
    '',
    `  try: kubectl --kubeconfig ${sandbox.kubeconfigPath} get applications -n ${sandbox.reconciler.namespace}`,
    '',
  ].join('\n');
}

/** Start-up steps as JSON lines in <state-dir>/startup.log, for when the terminal output is gone. */
async function startupLog(stateDir: string): Promise<(event: StepEvent) => void> {
  const paths = statePaths(stateDir);
  await mkdir(paths.dir, { recursive: true });
  const file = join(paths.dir, 'startup.log');
  await writeFile(file, '');
  return (event) => appendFileSync(file, `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
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
