import { Command } from 'commander';
import { execa } from 'execa';
import { ScaledClock } from '../../clock/index.ts';
import { readState, removeState, StateError } from '../../providers/state/state-files.ts';

/** How long `down` waits for the sandbox process to tear itself down before giving up. */
const STOP_TIMEOUT_MS = 30_000;

export function downCommand(): Command {
  return new Command('down')
    .description('Stop the sandbox running from a state directory.')
    .option('--state-dir <dir>', 'the state directory the sandbox was started with', '.sandbox')
    .action(async (options: { stateDir: string }) => {
      const state = await readState(options.stateDir);
      if (!isAlive(state.pid)) {
        await removeState(options.stateDir);
        process.stdout.write(`sandbox (pid ${state.pid}) was not running; removed its stale state\n`);
        if (state.kind) await deleteOrphanedCluster(state.kind.clusterName);
        return;
      }
      process.kill(state.pid, 'SIGTERM');
      const clock = new ScaledClock();
      const deadline = clock.now() + STOP_TIMEOUT_MS;
      while (isAlive(state.pid)) {
        if (clock.now() > deadline) {
          throw new StateError(
            'StopTimeout',
            `sandbox (pid ${state.pid}) did not stop within 30 s; stop it with \`kill -9 ${state.pid}\``,
          );
        }
        await clock.sleep(50);
      }
      process.stdout.write(`sandbox (pid ${state.pid}) stopped\n`);
    });
}

/** A kind sandbox whose process died leaves its cluster running (its containers are reaped by testcontainers). */
async function deleteOrphanedCluster(name: string): Promise<void> {
  const result = await execa('kind', ['delete', 'cluster', '--name', name], { reject: false });
  process.stdout.write(
    result.exitCode === 0
      ? `deleted its kind cluster ${name}\n`
      : `could not delete its kind cluster ${name} (${String(result.stderr).trim() || result.exitCode}); run \`kind delete cluster --name ${name}\`\n`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
