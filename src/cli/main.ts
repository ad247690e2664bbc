import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { SandboxError } from '../errors.ts';
import { appCommand } from './commands/app/index.ts';
import { doctorCommand } from './commands/doctor.ts';
import { downCommand } from './commands/down.ts';
import { imageCommand } from './commands/image.ts';
import { imageUpdaterCommand } from './commands/image-updater.ts';
import { nodeCommand } from './commands/node.ts';
import { reconcilerCommand } from './commands/reconciler.ts';
import { runCommand } from './commands/run.ts';
import { upCommand } from './commands/up.ts';

/** `gitops-sandbox`: every verb is a small module under commands/; each has --help. */
export function buildProgram(): Command {
  return new Command('gitops-sandbox')
    .description('A local GitOps world: Kubernetes API, git server, registry and reconciler, with replayable flows.')
    .version('0.1.0')
    .showHelpAfterError()
    .addCommand(upCommand())
    .addCommand(runCommand())
    .addCommand(downCommand())
    .addCommand(nodeCommand())
    .addCommand(imageCommand())
    .addCommand(appCommand())
    .addCommand(doctorCommand())
    .addCommand(reconcilerCommand())
    .addCommand(imageUpdaterCommand());
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof SandboxError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// `node src/cli/main.ts …` (npm start); the published bin imports main() and calls it itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv);
}
