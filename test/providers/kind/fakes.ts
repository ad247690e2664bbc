import {
  type Command,
  type CommandResult,
  type CommandRunner,
  formatCommand,
} from '../../../src/providers/kind/command-runner.ts';
import type {
  ContainerDefinition,
  ContainerFactory,
  RunningContainer,
} from '../../../src/providers/kind/container-factory.ts';
import type { KindSandboxDeps } from '../../../src/providers/kind/kind-sandbox.ts';

/** One thing the provider did to the outside world, in order: the trace tests assert. */
export type Operation =
  | { kind: 'run'; text: string; command: Command }
  | { kind: 'start'; text: string; definition: ContainerDefinition }
  | { kind: 'exec'; text: string }
  | { kind: 'stop'; text: string }
  | { kind: 'host'; text: string };

export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: AAAA
    server: https://127.0.0.1:40123
  name: kind-x
contexts: []
current-context: kind-x
users: []
`;

export const TOKEN = '0123456789abcdef0123456789abcdef01234567';

/**
 * A scripted outside world: a recording command runner and container factory whose answers look like kind's,
 * docker's and Gitea's, and which can be told to fail at one operation (counted from 0) to test half-way failure.
 */
export class FakeWorld {
  readonly operations: Operation[] = [];
  /** Fail the operation with this index (runs exit 1, container starts and execs reject, host parts throw). */
  failAt: number | undefined;
  /** Called before each operation is answered (e.g. to abort a signal at operation k). */
  onOperation: ((index: number, operation: Operation) => void) | undefined;

  get texts(): string[] {
    return this.operations.map((o) => o.text);
  }

  #record(operation: Operation): boolean {
    const index = this.operations.length;
    this.operations.push(operation);
    this.onOperation?.(index, operation);
    return index === this.failAt;
  }

  readonly runner: CommandRunner = {
    run: async (command: Command, options: { signal?: AbortSignal } = {}): Promise<CommandResult> => {
      options.signal?.throwIfAborted();
      const fail = this.#record({ kind: 'run', text: formatCommand(command), command });
      if (fail) return { exitCode: 1, stdout: '', stderr: `scripted failure of ${command.file} ${command.args[0]}` };
      return { exitCode: 0, stdout: answer(command), stderr: '' };
    },
  };

  readonly containers: ContainerFactory = {
    start: async (definition: ContainerDefinition): Promise<RunningContainer> => {
      if (this.#record({ kind: 'start', text: `start container ${definition.name}`, definition })) {
        throw new Error(`scripted failure starting ${definition.name}`);
      }
      return {
        name: definition.name,
        id: `id-${definition.name}`,
        host: '127.0.0.1',
        mappedPort: (port) => definition.ports.find((p) => p.container === port)?.host ?? 30000 + port,
        exec: async (command, options = {}) => {
          const text = `exec ${definition.name} as ${options.user ?? 'root'}: ${command.join(' ')}`;
          if (this.#record({ kind: 'exec', text })) return { exitCode: 1, stdout: '', stderr: 'scripted failure' };
          if (command.includes('generate-access-token')) return { exitCode: 0, stdout: `${TOKEN}\n`, stderr: '' };
          return { exitCode: 0, stdout: `New user '${command[6]}' has been successfully created!\n`, stderr: '' };
        },
        stop: async () => {
          if (this.#record({ kind: 'stop', text: `stop container ${definition.name}` })) {
            throw new Error(`scripted failure stopping ${definition.name}`);
          }
        },
      };
    },
  };

  /** Host-side parts (reconciler, image updater, control endpoint, world seeding) as recording fakes. */
  hostDeps(): Required<Pick<KindSandboxDeps, 'startReconciler' | 'startImageUpdater' | 'startControl' | 'seedWorld'>> {
    const part = async (name: string) => {
      if (this.#record({ kind: 'host', text: `start ${name}` })) throw new Error(`scripted failure starting ${name}`);
      return {
        close: async () => {
          if (this.#record({ kind: 'host', text: `close ${name}` }))
            throw new Error(`scripted failure closing ${name}`);
        },
      };
    };
    return {
      startReconciler: async () => ({
        ...(await part('reconciler')),
        webhookUrl: 'http://127.0.0.1:41234/api/webhook',
        namespace: 'argocd',
      }),
      startImageUpdater: () => part('image updater'),
      startControl: async () => ({ ...(await part('control endpoint')), url: 'http://127.0.0.1:45678' }),
      seedWorld: async () => {
        if (this.#record({ kind: 'host', text: 'seed world' })) throw new Error('scripted failure seeding the world');
      },
    };
  }

  deps(): KindSandboxDeps {
    return {
      runner: this.runner,
      containers: this.containers,
      rootDir: '/repo',
      freePort: async () => 43000,
      ...this.hostDeps(),
    };
  }
}

function answer(command: Command): string {
  const line = [command.file, ...command.args].join(' ');
  if (line.startsWith('docker info')) return '28.2.2\n';
  if (line === 'kind version') return 'kind v0.27.0 go1.23.6 linux/amd64\n';
  if (line.startsWith('kind get kubeconfig')) return KUBECONFIG;
  if (line.startsWith('kind get nodes')) {
    const name = command.args.at(-1);
    return `${name}-worker2\n${name}-control-plane\n${name}-worker\n`;
  }
  if (line.startsWith('docker image inspect')) {
    const reference = command.args.at(-1)!;
    const repository = reference.slice(0, reference.lastIndexOf(':'));
    return `["${repository}@sha256:${'ab'.repeat(32)}"]\n`;
  }
  return '';
}
