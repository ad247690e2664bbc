import { execa } from 'execa';
import type { Command, CommandResult, CommandRunner } from './command-runner.ts';
import { formatCommand } from './command-runner.ts';
import { KindError } from './errors.ts';

/** The real runner: execa without a shell, output captured, non-zero exits returned rather than thrown. */
export function execaRunner(): CommandRunner {
  return {
    async run(command: Command, options: { signal?: AbortSignal } = {}): Promise<CommandResult> {
      const result = await execa(command.file, [...command.args], {
        reject: false,
        ...(command.input !== undefined ? { input: command.input } : { stdin: 'ignore' as const }),
        ...(command.cwd !== undefined ? { cwd: command.cwd } : {}),
        ...(options.signal ? { cancelSignal: options.signal } : {}),
      });
      if (result.isCanceled) throw options.signal?.reason ?? new Error(`${formatCommand(command)} was aborted`);
      const notFound = (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      if (notFound || result.exitCode === undefined) {
        throw new KindError(
          'CommandNotFound',
          `cannot run \`${command.file}\`: ${notFound ? 'not found on PATH' : result.shortMessage}; run \`gitops-sandbox doctor\` to see what to install`,
          { cause: result.cause },
        );
      }
      return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
