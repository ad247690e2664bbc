import type { Faults } from '../control/faults.ts';
import { type Command, type CommandRunner, runChecked } from './command-runner.ts';
import { KindError } from './errors.ts';

/** The docker command behind each fault; plain data so tests can assert them. */
export const faultCommands = {
  stopNode: (node: string): Command => ({ file: 'docker', args: ['stop', node] }),
  startNode: (node: string): Command => ({ file: 'docker', args: ['start', node] }),
  pause: (container: string): Command => ({ file: 'docker', args: ['pause', container] }),
  unpause: (container: string): Command => ({ file: 'docker', args: ['unpause', container] }),
};

export interface KindFaults extends Faults {
  /** Unpauses what an outage left paused, so teardown finds running containers. */
  restoreAll(): Promise<void>;
}

/**
 * Faults of the kind world. A node is powered off with `docker stop` of its node container (kubelet and pods stop
 * with it) and on again with `docker start`. An outage is `docker pause` of the Gitea or registry container: the
 * real thing cannot answer 503, so clients see connections hang and time out instead, as with a frozen server.
 */
export function kindFaults(o: {
  runner: CommandRunner;
  nodes: readonly string[];
  gitContainer: string;
  registryContainer: string;
}): KindFaults {
  const paused = new Set<string>();
  const node = (name: string) => {
    if (!o.nodes.includes(name)) {
      throw new KindError(
        'UnknownNode',
        `no node named "${name}" in this sandbox; its nodes are: ${o.nodes.join(', ')}`,
      );
    }
    return name;
  };
  const pause = async (container: string) => {
    if (paused.has(container)) return;
    await runChecked(o.runner, faultCommands.pause(container));
    paused.add(container);
  };
  const unpause = async (container: string) => {
    if (!paused.has(container)) return;
    await runChecked(o.runner, faultCommands.unpause(container));
    paused.delete(container);
  };
  return {
    async stopNode(name) {
      await runChecked(o.runner, faultCommands.stopNode(node(name)));
    },
    async startNode(name) {
      await runChecked(o.runner, faultCommands.startNode(node(name)));
    },
    gitOutage: () => pause(o.gitContainer),
    restoreGit: () => unpause(o.gitContainer),
    registryOutage: () => pause(o.registryContainer),
    restoreRegistry: () => unpause(o.registryContainer),
    async restoreAll() {
      for (const container of [...paused]) await unpause(container);
    },
  };
}
