import { Command } from 'commander';
import { sendControl } from '../../providers/control/control-server.ts';
import { readState, StateError } from '../../providers/state/state-files.ts';

/** `gitops-sandbox node stop|start NAME`: power a node of the running sandbox off or on. */
export function nodeCommand(): Command {
  const command = new Command('node').description('Power nodes of the running sandbox off and on (node failure).');
  for (const action of ['stop', 'start'] as const) {
    command
      .command(`${action} <name>`)
      .description(
        action === 'stop'
          ? "stop a node's kubelet: no more heartbeats, pods frozen, as a powered-off node looks"
          : 'start a stopped node again',
      )
      .option('--state-dir <dir>', 'the state directory the sandbox was started with', '.sandbox')
      .action(async (name: string, options: { stateDir: string }) => {
        const state = await readState(options.stateDir);
        if (!state.control) {
          throw new StateError(
            'NoControl',
            `the sandbox in ${options.stateDir} (${state.provider}) has no control endpoint`,
          );
        }
        await sendControl(state.control.url, `/v1/nodes/${encodeURIComponent(name)}/${action}`);
        process.stdout.write(`node ${name} ${action === 'stop' ? 'stopped' : 'started'}\n`);
      });
  }
  return command;
}
