import { Command, InvalidArgumentError } from 'commander';
import { freshSeed } from '../../clock/index.ts';
import { SandboxError } from '../../errors.ts';
import { createLiveView } from '../../report/live.ts';
import { writeTerminalReport } from '../../report/terminal.ts';
import { writeReports } from '../../report/write.ts';
import {
  loadScenarios,
  type RunResult,
  runScenario,
  type ScenarioResult,
  selectScenarios,
} from '../../scenario/index.ts';
import { positiveInteger, positiveNumber } from './up.ts';

interface RunOptions {
  all?: boolean;
  list?: boolean;
  provider: string;
  reconciler: string;
  speed: number;
  seed?: number;
  stateDir: string;
  json?: string;
  junit?: string;
  report?: string;
  timeline: 'all' | 'failed' | 'none';
  parallel: number;
}

/** `gitops-sandbox run <scenario…> | --all`: replays flows in their own sandboxes and asserts their timelines. */
export function runCommand(): Command {
  return new Command('run')
    .description('Replay GitOps scenarios, each in its own sandbox, and assert their timelines.')
    .argument('[scenarios...]', 'scenario names (see --list)')
    .option('--all', 'run every scenario')
    .option('--list', 'list the scenarios and exit')
    .option('--provider <name>', 'embedded (no Docker) or kind', 'embedded')
    .option('--reconciler <mode>', 'host, in-cluster (kind) or argocd (real Argo CD, kind)', 'host')
    .option('--speed <n>', 'run simulated delays N times faster (embedded)', positiveNumber, 1)
    .option('--seed <n>', 'seed for jitter and names (default: a fresh one, printed)', Number)
    .option('--state-dir <dir>', 'where each scenario keeps its sandbox, logs and working copies', '.sandbox/runs')
    .option('--json <file>', 'write the results as JSON')
    .option('--junit <file>', 'write JUnit XML (one test case per scenario)')
    .option('--report <dir>', 'write a standalone HTML report with a swimlane timeline per scenario')
    .option(
      '--timeline <which>',
      'timeline tables in the terminal report: all, failed or none',
      timelineChoice,
      'failed',
    )
    .option('--parallel <n>', 'scenarios run at once (each has its own sandbox)', positiveInteger, 1)
    .action(async (names: string[], options: RunOptions) => {
      const all = await loadScenarios();
      if (options.list) {
        for (const s of all) process.stdout.write(`${s.name.padEnd(20)} ${s.title}\n`);
        return;
      }
      if (options.all && names.length > 0) throw new InvalidArgumentError('give scenario names or --all, not both');
      if (!options.all && names.length === 0) {
        throw new SandboxError(
          'NoScenario',
          `name the scenarios to run, or --all; they are: ${all.map((s) => s.name).join(', ')}`,
        );
      }
      const scenarios = options.all ? all : selectScenarios(all, names);
      const provider = options.provider === 'kind' ? 'kind' : options.provider === 'embedded' ? 'embedded' : undefined;
      if (!provider) throw new InvalidArgumentError(`unknown provider "${options.provider}"; use embedded or kind`);
      const reconciler = options.reconciler as 'host' | 'in-cluster' | 'argocd';
      const seed = options.seed ?? freshSeed();
      process.stdout.write(
        `Running ${scenarios.length} scenario(s) on ${provider} at speed ${options.speed}, seed ${seed}\n`,
      );
      const controller = new AbortController();
      const interrupt = () => controller.abort(new SandboxError('Interrupted', 'interrupted'));
      process.once('SIGINT', interrupt);
      const view = createLiveView(process.stdout, { tty: Boolean(process.stdout.isTTY) && !process.env.CI });
      const results: ScenarioResult[] = [];
      try {
        // Parallel runs share one live view; it shows plain per-scenario lines rather than interleaved steps.
        const queue = [...scenarios];
        const worker = async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            results.push(
              await runScenario(next, {
                provider,
                reconciler,
                speed: options.speed,
                seed,
                stateDir: options.stateDir,
                signal: controller.signal,
                ...(options.parallel === 1 ? { observer: view } : {}),
              }),
            );
            if (options.parallel > 1) process.stdout.write(`${results.at(-1)!.passed ? '✓' : '✗'} ${next.name}\n`);
          }
        };
        await Promise.all(Array.from({ length: Math.min(options.parallel, scenarios.length) }, worker));
      } finally {
        process.off('SIGINT', interrupt);
      }
      const ordered = scenarios.map((s) => results.find((r) => r.name === s.name)!);
      const run: RunResult = { scenarios: ordered, passed: ordered.every((r) => r.passed) };
      view.close(run);
      writeTerminalReport(process.stdout, run, { timeline: options.timeline });
      const written = await writeReports(run, {
        ...(options.json ? { json: options.json } : {}),
        ...(options.junit ? { junit: options.junit } : {}),
        ...(options.report ? { report: options.report } : {}),
      });
      for (const file of written) process.stdout.write(`wrote ${file}\n`);
      if (!run.passed) process.exitCode = 1;
    });
}

function timelineChoice(value: string): 'all' | 'failed' | 'none' {
  if (value === 'all' || value === 'failed' || value === 'none') return value;
  throw new InvalidArgumentError('must be all, failed or none');
}
