import { appendFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SandboxError } from '../errors.ts';
import { type ProviderName, type ReconcilerMode, type SeededSandbox, startSandbox } from '../providers/index.ts';
import { parseDuration } from '../timeline/duration.ts';
import type { TimelineEvent } from '../timeline/event.ts';
import type { Probe } from '../timeline/probe/probe.ts';
import { type Recorder, startRecorder } from '../timeline/recorder/recorder.ts';
import { createContext } from './context.ts';
import type { Scenario } from './define.ts';
import type { ExpectationResult, ScenarioResult } from './result.ts';

export interface RunScenarioOptions {
  provider: ProviderName;
  reconciler?: ReconcilerMode;
  speed: number;
  seed: number;
  /** Each scenario gets its own sandbox under <stateDir>/<scenario name> (state, logs, working copies). */
  stateDir: string;
  signal?: AbortSignal;
  observer?: ScenarioObserver;
}

/** What the live view hears while a scenario runs. */
export interface ScenarioObserver {
  scenarioStarted(name: string, title: string): void;
  stepStarted(name: string): void;
  stepDone(name: string, ok: boolean, error?: string): void;
  expectation(result: ExpectationResult): void;
  scenarioDone(result: ScenarioResult): void;
}

const DEFAULT_TIMEOUT = '20m';

/**
 * Runs one scenario in isolation: its own sandbox (seeded with the example world, all apps Synced and Healthy),
 * a recorder watching it from outside, then the scenario's moves and expectations. Whatever happens, everything
 * it started is stopped, and the result (with the whole timeline) is returned rather than thrown.
 */
export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioResult> {
  const observer = options.observer;
  const dir = resolve(options.stateDir, scenario.name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const logFile = join(dir, 'scenario.log');
  await writeFile(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const wallStart = performance.now();
  const steps: ScenarioResult['steps'] = [];
  const expectations: ExpectationResult[] = [];
  let sandbox: SeededSandbox | undefined;
  let recorder: Recorder | undefined;
  let error: string | undefined;
  const probes: Probe[] = [];
  let startedAt = 0;
  observer?.scenarioStarted(scenario.name, scenario.title);
  const stepStarted = (name: string) => {
    steps.push({ name, at: sandbox?.clock.now() ?? 0, passed: false });
    observer?.stepStarted(name);
  };
  const stepDone = (name: string, ok: boolean, stepError?: string) => {
    const step = steps.findLast((s) => s.name === name);
    if (step) {
      step.passed = ok;
      if (stepError) step.error = stepError;
    }
    log(`${ok ? 'done' : 'FAILED'} ${name}${stepError ? `: ${stepError}` : ''}`);
    observer?.stepDone(name, ok, stepError);
  };
  const setup = async <T>(name: string, run: () => Promise<T>) => {
    stepStarted(name);
    try {
      const value = await run();
      stepDone(name, true);
      return value;
    } catch (caught) {
      stepDone(name, false, messageOf(caught));
      throw caught;
    }
  };
  try {
    sandbox = await setup(`Start the ${options.provider} sandbox with the example world`, () =>
      startSandbox({
        provider: options.provider,
        ...(options.reconciler ? { reconciler: options.reconciler } : {}),
        stateDir: join(dir, 'sandbox'),
        speed: options.speed,
        seed: options.seed,
        ...(options.signal ? { signal: options.signal } : {}),
        onStep: (event) => log(`setup ${event.state} ${event.title}${event.error ? `: ${event.error}` : ''}`),
      }),
    );
    const started = sandbox;
    startedAt = started.clock.now();
    // The sandbox's own start step began before its clock existed: it is dated when the sandbox was ready.
    for (const step of steps) if (step.at === 0) step.at = startedAt;
    const repos = started.world?.repos.map((repo) => repo.name);
    recorder = await setup('Start the timeline recorder', () =>
      startRecorder({
        kubeconfigPath: started.kubeconfigPath,
        clock: started.clock,
        git: {
          url: started.git.url,
          token: started.git.token,
          username: started.git.username,
          ...(repos ? { repos } : {}),
        },
        registry: { url: started.registry.url },
        // Gitea in a container reaches the host's receiver through the Docker host gateway.
        ...(started.provider === 'kind' ? { webhookHost: 'host.docker.internal' } : {}),
        onError: (caught) => log(`recorder: ${messageOf(caught)}`),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    startedAt = started.clock.now();
    const timeout = new AbortController();
    const stopTimer = new AbortController();
    const timeoutMs = parseDuration(scenario.timeout ?? DEFAULT_TIMEOUT);
    started.clock.sleep(timeoutMs, stopTimer.signal).then(
      () =>
        timeout.abort(
          new SandboxError(
            'ScenarioTimeout',
            `scenario ${scenario.name} ran past its ${scenario.timeout ?? DEFAULT_TIMEOUT} (simulated)`,
          ),
        ),
      () => {},
    );
    const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
    const context = createContext(
      { sandbox: started, timeline: recorder.timeline, cluster: recorder.cluster, workDir: dir, signal },
      {
        onStepStarted: stepStarted,
        onStepDone: stepDone,
        onExpectation: (result) => {
          expectations.push(result);
          log(`${result.passed ? 'PASS' : 'FAIL'} ${result.description}: ${result.message}`);
          observer?.expectation(result);
        },
        onProbe: (probe) => probes.push(probe),
        log,
      },
    );
    try {
      await scenario.run(context);
    } finally {
      stopTimer.abort();
      await Promise.all(probes.map((probe) => probe.stop()));
    }
  } catch (caught) {
    error = messageOf(caught);
    log(`error: ${error}`);
  }
  const endedAt = sandbox?.clock.now() ?? startedAt;
  const timeline: TimelineEvent[] = recorder?.timeline.events() ?? [];
  await recorder?.close().catch((caught) => log(`closing the recorder: ${messageOf(caught)}`));
  await sandbox?.close().catch((caught) => log(`closing the sandbox: ${messageOf(caught)}`));
  const result: ScenarioResult = {
    name: scenario.name,
    title: scenario.title,
    passed: error === undefined && expectations.length > 0 && expectations.every((e) => e.passed),
    startedAt,
    endedAt,
    wallMs: Math.round(performance.now() - wallStart),
    provider: options.provider,
    speed: options.speed,
    seed: options.seed,
    steps,
    expectations,
    timeline,
    ...(error !== undefined ? { error } : {}),
  };
  if (error === undefined && expectations.length === 0) {
    result.error = `scenario ${scenario.name} checked no expectation; a scenario must verify something`;
  }
  observer?.scenarioDone(result);
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
