import { Command } from 'commander';
import { SandboxError } from '../../errors.ts';
import { formatDoctorReport, runDoctor } from '../../providers/doctor/index.ts';
import type { CommandRunner } from '../../providers/kind/command-runner.ts';
import { execaRunner } from '../../providers/kind/execa-runner.ts';

export class DoctorError extends SandboxError {}

/**
 * `gitops-sandbox doctor`: can the kind provider run on this machine? Checks docker (client and engine), kind,
 * kubectl, helm and git against their minimum versions and says what to install; exits 1 when it cannot run.
 */
export function doctorCommand(deps: { runner?: CommandRunner } = {}): Command {
  return new Command('doctor')
    .description('Check the tools the kind provider needs (docker and its engine, kind, kubectl, helm, git).')
    .option('--json', 'print the report as JSON')
    .action(async (options: { json?: boolean }) => {
      const report = await runDoctor({ runner: deps.runner ?? execaRunner() });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report));
      if (!report.ok) {
        const failed = report.checks.filter((c) => c.required && c.status !== 'ok').map((c) => c.title);
        throw new DoctorError(
          'KindProviderUnavailable',
          `the kind provider cannot run here: ${failed.join(', ')} (see above)`,
        );
      }
    });
}
