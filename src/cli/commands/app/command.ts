import { type Command, CommanderError, Option } from 'commander';
import { messageOf, SandboxError } from '../../../errors.ts';
import { type AppContext, type ConnectionOptions, type ContextDeps, connect } from './context.ts';
import { AppCliError, EXIT_GENERIC } from './errors.ts';

/** --state-dir, --kubeconfig and -N/--app-namespace, on every verb (as node.ts takes --state-dir). */
export function withConnection(command: Command): Command {
  return command
    .option('--state-dir <dir>', 'the state directory of the running sandbox', '.sandbox')
    .option('--kubeconfig <file>', 'talk to the cluster of this kubeconfig instead of the sandbox in --state-dir')
    .addOption(
      new Option(
        '-N, --app-namespace <ns>',
        "the namespace the Applications live in (default: the reconciler's, argocd)",
      ),
    );
}

export function outputOption(formats: readonly string[], fallback: string): Option {
  return new Option('-o, --output <format>', 'output format').choices([...formats]).default(fallback);
}

export function timeoutOption(description = 'time out after this many seconds (0: never)'): Option {
  return new Option('--timeout <seconds>', description).argParser(seconds).default(0);
}

export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CommanderError(1, 'gitops-sandbox.badSeconds', `not a number of seconds: ${value}`);
  return n;
}

/**
 * Runs a verb: connects, runs it, and turns its outcome into argocd's exit code. Errors are printed here (main only
 * knows exit 1), then surface as a CommanderError carrying the code, which main returns without printing again.
 */
export async function runVerb(
  deps: ContextDeps,
  options: ConnectionOptions,
  verb: (ctx: AppContext) => Promise<number>,
  errorExitCode?: number,
): Promise<void> {
  let code: number;
  try {
    code = await verb(await connect(options, deps));
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    (deps.stderr ?? process.stderr).write(`error: ${messageOf(error)}\n`);
    code = errorExitCode ?? (error instanceof AppCliError ? error.exitCode : EXIT_GENERIC);
    throw new CommanderError(code, `gitops-sandbox.app.${error.code}`, error.message);
  }
  if (code !== 0) throw new CommanderError(code, 'gitops-sandbox.app.exit', '');
}
