import { KindError } from './errors.ts';

/** One program run: what the kind provider asks of kind, docker and kubectl. Plain data, so tests can assert it. */
export interface Command {
  file: string;
  args: readonly string[];
  /** Written to the program's stdin. */
  input?: string;
  /** Working directory (default: the repository root for docker build, else the current directory). */
  cwd?: string;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs programs. Resolves with the exit code whatever it is; rejects only when the program cannot be started
 * (KindError `CommandNotFound`) or the signal aborts it. The default one uses execa; tests inject a recording fake.
 */
export interface CommandRunner {
  run(command: Command, options?: { signal?: AbortSignal }): Promise<CommandResult>;
}

/** `kind create cluster --name x …` as a user would type it, for messages and logs. */
export function formatCommand(command: Command): string {
  const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
  return [command.file, ...command.args].map(quote).join(' ');
}

/** Runs a command and throws KindError `CommandFailed` (with its stderr) unless it exits 0. */
export async function runChecked(
  runner: CommandRunner,
  command: Command,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<CommandResult> {
  const result = await runner.run(command, options.signal ? { signal: options.signal } : {});
  if (result.exitCode !== 0) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-5).join('\n');
    throw new KindError(
      'CommandFailed',
      `\`${formatCommand(command)}\` exited with code ${result.exitCode}${detail ? `: ${detail}` : ''}`,
    );
  }
  return result;
}
