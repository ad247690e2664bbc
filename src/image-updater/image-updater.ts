import { Random } from '../clock/index.ts';
import { messageOf } from '../errors.ts';
import type { Application } from '../reconciler/application/index.ts';
import { ClusterClient } from '../reconciler/cluster/index.ts';
import { runCycle } from './cycle.ts';
import { REASON_INVALID, recordEvent } from './events.ts';
import { createLog } from './log.ts';
import type { ImageUpdaterOptions, StartedImageUpdater, UpdateCycleResult } from './options.ts';
import { RegistryBackoff } from './registry/backoff.ts';
import { BuildDates } from './registry/build-dates.ts';
import { RegistryPool } from './registry/registry-pool.ts';
import { CommitMessageTemplate, DEFAULT_AUTHOR, DEFAULT_COMMIT_TEMPLATE } from './write-back/commit-message.ts';
import { GitWriter } from './write-back/git-writer.ts';

export const DEFAULT_INTERVAL_MS = 120_000;

/**
 * Starts the image updater: polls every `interval` of simulated time (sooner when a registry that failed may be
 * retried), and runs a cycle whenever runOnce is called. Cycles never overlap.
 */
export async function startImageUpdater(options: ImageUpdaterOptions): Promise<StartedImageUpdater> {
  const { clock } = options;
  const namespace = options.namespace ?? 'argocd';
  const interval = options.interval ?? DEFAULT_INTERVAL_MS;
  const random = options.random ?? new Random(1);
  const lifetime = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, lifetime.signal]) : lifetime.signal;
  const log = createLog(clock, options.log);
  const client = new ClusterClient(options.kubeconfig);
  const template = new CommitMessageTemplate(options.commitMessageTemplate ?? DEFAULT_COMMIT_TEMPLATE);
  const backoff = new RegistryBackoff(clock, random);
  const pool = new RegistryPool(options.registries, clock);
  const buildDates = new BuildDates();
  const git = new GitWriter({ workDir: options.workDir, clock, log: (msg, fields) => log('warn', msg, fields) });
  const reported = new Map<string, string>();

  const warn = async (app: Application, problems: string[]) => {
    const key = `${app.metadata.namespace}/${app.metadata.name}`;
    const text = problems.join('\n');
    if ((reported.get(key) ?? '') === text) return;
    reported.set(key, text);
    if (problems.length === 0) return;
    for (const problem of problems) log('warn', 'invalid annotation', { application: app.metadata.name, problem });
    await recordEvent({
      client,
      clock,
      random,
      app,
      type: 'Warning',
      reason: REASON_INVALID,
      message: problems.join('; '),
      signal,
    }).catch((error: unknown) =>
      log('warn', 'event could not be sent', { application: app.metadata.name, error: messageOf(error) }),
    );
  };

  const cycleContext = {
    client,
    clock,
    random,
    pool,
    buildDates,
    backoff,
    git,
    template,
    author: options.gitAuthor ?? DEFAULT_AUTHOR,
    gitCredentials: options.gitCredentials,
    warn,
    log,
    namespace,
    concurrency: options.concurrency ?? 10,
    signal,
  };

  let running: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<UpdateCycleResult> => {
    const cycle = running
      .catch(() => {})
      .then(() => {
        signal.throwIfAborted();
        return runCycle(cycleContext);
      });
    running = cycle;
    return cycle;
  };

  const loop = async () => {
    while (!signal.aborted) {
      try {
        await runOnce();
      } catch (error) {
        if (signal.aborted) return;
        log('error', 'image update cycle failed', { error: messageOf(error) });
      }
      const retryAt = backoff.nextRetryAt();
      const wait = Math.min(interval, retryAt === undefined ? interval : Math.max(0, retryAt - clock.now()));
      await clock.sleep(wait, signal).catch(() => {});
    }
  };
  const polling = interval > 0 ? loop() : Promise.resolve();
  log('info', 'image updater started', {
    namespace,
    intervalMs: interval,
    registries: options.registries.map((r) => r.prefix),
  });

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      lifetime.abort();
      await polling;
      await running.catch(() => {});
    })();
    return closed;
  };
  return { runOnce, close, [Symbol.asyncDispose]: close };
}
