import { join } from 'node:path';
import { execa } from 'execa';
import { connect } from '../cli/commands/app/context.ts';
import { runRollback } from '../cli/commands/app/rollback.ts';
import { runSync } from '../cli/commands/app/sync.ts';
import { SandboxError } from '../errors.ts';
import type { SeededSandbox, SeededWorld } from '../providers/index.ts';
import type { TimelineEvent } from '../timeline/event.ts';
import type { Expectation } from '../timeline/expect.ts';
import type { Matcher } from '../timeline/matcher.ts';
import { httpTransport } from '../timeline/probe/http-transport.ts';
import { type Probe, startProbe } from '../timeline/probe/probe.ts';
import { simulatedTransport } from '../timeline/probe/simulated-transport.ts';
import type { ProbeTransport } from '../timeline/probe/transport.ts';
import type { ClusterView } from '../timeline/recorder/cluster-view.ts';
import type { Timeline, WaitForOptions } from '../timeline/timeline.ts';
import { GitWorkspace } from './git-workspace.ts';
import type { ExpectationResult } from './result.ts';

/**
 * Simulated requests in the embedded world (no packets to send), real HTTP where the provider can reach Services;
 * otherwise (kind today) requests are decided from the ready endpoints and their pods' images alone.
 */
function probeTransport(sandbox: SeededSandbox, cluster: ClusterView): ProbeTransport {
  if (sandbox.serviceUrl) {
    const serviceUrl = sandbox.serviceUrl.bind(sandbox);
    return httpTransport({ clock: sandbox.clock, urlFor: (service, signal) => serviceUrl(service, signal) });
  }
  const isNodeDown = sandbox.isNodeDown?.bind(sandbox);
  return simulatedTransport({ cluster, ...(isNodeDown ? { isNodeDown } : {}) });
}

/** What a scenario's run() gets: the sandbox, its timeline, and the moves a learner makes. */
export interface ScenarioContext {
  readonly sandbox: SeededSandbox;
  readonly world: SeededWorld;
  readonly timeline: Timeline;
  /** Aborted when the scenario times out. */
  readonly signal: AbortSignal;
  /** A named step (shown live and in reports); its failure fails the scenario. */
  step<T>(name: string, run: () => Promise<T>): Promise<T>;
  /** Records a scenario action on the timeline, to measure from. */
  action(name: string, data?: Record<string, unknown>): TimelineEvent;
  /** Waits (simulated time) for the first matching event; see Timeline.waitFor. */
  waitFor(matcher: Matcher, options?: WaitForOptions): Promise<TimelineEvent>;
  /** Settles an expectation (waits until it can be decided) and records its result; does not throw. */
  verify(expectation: Expectation): Promise<ExpectationResult>;
  /** `kubectl <args>` against the sandbox, recorded as an action (the event is returned); throws on a non-zero exit. */
  kubectl(args: string[], options?: { input?: string }): Promise<{ stdout: string; event: TimelineEvent }>;
  /** `kubectl get <args> -o json`, parsed. */
  getJson<T = Record<string, unknown>>(args: string[]): Promise<T>;
  /**
   * A check of the cluster's state now (what the timeline cannot show, e.g. a Deployment's spec): the function
   * says whether it holds and what it saw; recorded like any expectation.
   */
  verifyState(
    description: string,
    check: () => Promise<{ passed: boolean; message: string }>,
  ): Promise<ExpectationResult>;
  /** A fresh working copy of one of the world's repos (real git CLI). */
  repo(name: string, options?: { branch?: string }): Promise<GitWorkspace>;
  /** `gitops-sandbox app sync NAME` (as `argocd app sync`), recorded as an action; resolves when it ended. */
  syncApp(name: string, options?: { prune?: boolean; revision?: string }): Promise<void>;
  /** `gitops-sandbox app rollback NAME ID` (as `argocd app rollback`). */
  rollbackApp(name: string, id?: number): Promise<void>;
  /** Sleeps simulated time. */
  sleep(ms: number): Promise<void>;
  /** As `argocd app wait NAME --health --timeout`: polls the Application until Healthy (simulated ms). */
  waitForAppHealthy(name: string, timeoutMs?: number): Promise<void>;
  /** Records whether the Application is Synced at `revision` and Healthy now. */
  verifyAppSyncedAt(name: string, revision: string): Promise<ExpectationResult>;
  /**
   * Starts steady traffic to a Service (`namespace/name`): which version answered, every failed request, as
   * `probe/*` events. Stops when the scenario ends.
   */
  probe(service: string, options?: { intervalMs?: number }): Promise<Probe>;
}

export interface ContextHooks {
  onStepStarted(name: string): void;
  onStepDone(name: string, ok: boolean, error?: string): void;
  onExpectation(result: ExpectationResult): void;
  /** A probe was started; the runner stops it when the scenario ends. */
  onProbe(probe: Probe): void;
  /** Lines of CLI output and kubectl stdout, for the scenario's log. */
  log(line: string): void;
}

export function createContext(
  parts: { sandbox: SeededSandbox; timeline: Timeline; cluster: ClusterView; workDir: string; signal: AbortSignal },
  hooks: ContextHooks,
): ScenarioContext {
  const { sandbox, timeline, signal, workDir } = parts;
  if (!sandbox.world) throw new SandboxError('ScenarioWorld', 'scenarios need the example world: start with seedWorld');
  const world = sandbox.world;
  let clones = 0;
  const kubectl = async (args: string[], options: { input?: string } = {}) => {
    const result = await execa('kubectl', args, {
      env: { KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: join(workDir, 'kube-cache') },
      reject: false,
      cancelSignal: signal,
      ...(options.input !== undefined ? { input: options.input } : {}),
    });
    hooks.log(`$ kubectl ${args.join(' ')}\n${String(result.stdout)}${String(result.stderr)}`);
    if (result.exitCode !== 0) {
      throw new SandboxError(
        'Kubectl',
        `kubectl ${args.join(' ')} exited ${result.exitCode}: ${String(result.stderr)}`,
      );
    }
    return String(result.stdout);
  };
  const appStatus = async (name: string) =>
    (
      JSON.parse(await kubectl(['get', 'application', name, '-n', sandbox.reconciler.namespace, '-o', 'json'])) as {
        status?: { sync?: { status?: string; revision?: string }; health?: { status?: string } };
      }
    ).status ?? {};
  const appContext = () =>
    connect(
      { stateDir: join(workDir, 'unused-state'), kubeconfig: sandbox.kubeconfigPath },
      {
        clock: sandbox.clock,
        stdout: { write: (text) => hooks.log(text.trimEnd()) },
        stderr: { write: (text) => hooks.log(text.trimEnd()) },
        repoCacheDir: join(workDir, 'app-cli-cache'),
      },
    );
  return {
    sandbox,
    world,
    timeline,
    signal,
    async step(name, run) {
      timeline.record({
        at: sandbox.clock.now(),
        component: 'scenario',
        type: 'step',
        subject: name,
        message: name,
        data: { name },
      });
      hooks.onStepStarted(name);
      try {
        const value = await run();
        hooks.onStepDone(name, true);
        return value;
      } catch (error) {
        hooks.onStepDone(name, false, error instanceof Error ? error.message : String(error));
        throw error;
      }
    },
    action: (name, data) => timeline.action(name, data),
    waitFor: (matcher, options) => timeline.waitFor(matcher, { signal, ...options }),
    async verify(expectation) {
      const result = await expectation.settle({ signal });
      hooks.onExpectation(result);
      return result;
    },
    async kubectl(args, options = {}) {
      const event = timeline.action('kubectl', { args: args.join(' ') });
      const stdout = await kubectl(args, options);
      return { stdout, event };
    },
    getJson: async (args) => JSON.parse(await kubectl(['get', ...args, '-o', 'json'])),
    async verifyState(description, check) {
      let outcome: { passed: boolean; message: string };
      try {
        outcome = await check();
      } catch (error) {
        outcome = { passed: false, message: error instanceof Error ? error.message : String(error) };
      }
      const result: ExpectationResult = { description, ...outcome, at: sandbox.clock.now() };
      if (!outcome.passed) result.slice = timeline.events().slice(-20);
      hooks.onExpectation(result);
      return result;
    },
    async repo(name, options = {}) {
      const repo = world.repos.find((r) => r.name === name);
      if (!repo) {
        throw new SandboxError(
          'ScenarioRepo',
          `the world has no repo "${name}"; it has ${world.repos.map((r) => r.name).join(', ')}`,
        );
      }
      clones += 1;
      return GitWorkspace.clone({
        url: repo.url,
        git: sandbox.git,
        into: join(workDir, 'repos', `${name}-${clones}`),
        now: () => sandbox.clock.now(),
        ...(options.branch ? { branch: options.branch } : {}),
      });
    },
    async syncApp(name, options = {}) {
      timeline.action('app-sync', { app: name });
      const ctx = await appContext();
      const code = await runSync(ctx, name, {
        timeoutSeconds: 0,
        output: 'wide',
        ...(options.prune !== undefined ? { prune: options.prune } : {}),
        ...(options.revision ? { revision: options.revision } : {}),
      });
      if (code !== 0) throw new SandboxError('AppSync', `app sync ${name} exited ${code} (see the scenario log)`);
    },
    async rollbackApp(name, id) {
      timeline.action('app-rollback', { app: name, ...(id !== undefined ? { id: String(id) } : {}) });
      const ctx = await appContext();
      const code = await runRollback(ctx, name, {
        timeoutSeconds: 0,
        output: 'wide',
        ...(id !== undefined ? { id: String(id) } : {}),
      });
      if (code !== 0)
        throw new SandboxError('AppRollback', `app rollback ${name} exited ${code} (see the scenario log)`);
    },
    sleep: (ms) => sandbox.clock.sleep(ms, signal),
    async waitForAppHealthy(name, timeoutMs = 60_000) {
      await this.step(`${name} becomes Healthy`, async () => {
        const deadline = sandbox.clock.now() + timeoutMs;
        while ((await appStatus(name)).health?.status !== 'Healthy') {
          if (sandbox.clock.now() > deadline) {
            throw new SandboxError('AppWait', `${name} is not Healthy ${timeoutMs / 1000} s later`);
          }
          await sandbox.clock.sleep(2_000, signal);
        }
      });
    },
    verifyAppSyncedAt(name, revision) {
      return this.verifyState(`${name} is Synced at ${revision.slice(0, 7)} and Healthy`, async () => {
        const { sync, health } = await appStatus(name);
        return {
          passed: sync?.status === 'Synced' && sync.revision === revision && health?.status === 'Healthy',
          message: `${sync?.status} at ${sync?.revision?.slice(0, 7)}, ${health?.status}`,
        };
      });
    },
    async probe(service, options = {}) {
      const probe = await startProbe({
        service,
        transport: probeTransport(sandbox, parts.cluster),
        clock: sandbox.clock,
        sink: timeline,
        signal,
        ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
      });
      hooks.onProbe(probe);
      return probe;
    },
  };
}
