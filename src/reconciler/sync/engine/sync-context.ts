import { messageOf } from '../../../errors.ts';
import { isMultiStep, nextWave, type SyncTask } from '../plan/index.ts';
import { currentLive, type EngineContext, type EngineTask } from './engine-task.ts';
import { SyncEngineError } from './errors.ts';
import { deleteTaskObject, removeHookFinalizer } from './hook-cleanup.ts';
import { hookPhaseOf, resourcePhaseOf } from './hook-phase.ts';
import { filterOutOfSync } from './out-of-sync.ts';
import { prepareTasks } from './prepare-tasks.ts';
import { SyncResults } from './results.ts';
import { runTasks } from './run-tasks.ts';
import { waitingFor } from './running-message.ts';
import type { OperationPhase, SyncContextOptions, SyncState } from './types.ts';

/** Argo CD's default `ARGOCD_SYNC_WAVE_DELAY` (controller/sync.go `delayBetweenSyncWaves`). */
export const DEFAULT_WAVE_DELAY_MS = 2000;
const TERMINAL: readonly OperationPhase[] = ['Succeeded', 'Failed', 'Error'];

/**
 * One sync operation as a state machine (gitops-engine `SyncContext`, pkg/sync/sync_context.go): each `step()` does
 * all it can now and returns; the caller steps again on a timer or when a watched object changes, until `state()`
 * is terminal. Nothing happens in the constructor. Steps never overlap: a call during a step joins it.
 */
export class SyncContext {
  readonly #options: SyncContextOptions;
  readonly #results = new SyncResults();
  readonly #abort = new AbortController();
  #tasks: EngineTask[] | undefined;
  #phase: OperationPhase = 'Running';
  #message = '';
  #waitingFor: string | undefined;
  #stepping: Promise<void> | undefined;

  constructor(options: SyncContextOptions) {
    this.#options = options;
  }

  state(): SyncState {
    return {
      phase: this.#phase,
      message: this.#message,
      resources: this.#results.list(),
      ...(this.#waitingFor !== undefined ? { waitingFor: this.#waitingFor } : {}),
    };
  }

  step(): Promise<void> {
    this.#stepping ??= this.#step().finally(() => {
      this.#stepping = undefined;
    });
    return this.#stepping;
  }

  /**
   * Ends the operation: the phase becomes Terminating at once and anything in flight (a wave delay, a request) is
   * cancelled; the next `step()` deletes running hooks and ends Failed "Operation terminated" (gitops-engine
   * `Terminate`).
   */
  terminate(): void {
    if (TERMINAL.includes(this.#phase) || this.#phase === 'Terminating') return;
    this.#abort.abort(new SyncEngineError('SYNC_STEP_FAILED', 'the sync operation was terminated'));
    this.#setPhase('Terminating', 'Operation is terminating', true);
  }

  async #step(): Promise<void> {
    if (TERMINAL.includes(this.#phase)) return;
    try {
      if (this.#phase === 'Terminating') await this.#terminate();
      else await this.#sync(this.#context(AbortSignal.any(this.#signals(this.#abort.signal))));
    } catch (error) {
      this.#options.signal?.throwIfAborted();
      if (this.#phase === 'Terminating') return;
      this.#setPhase('Error', `sync step failed: ${messageOf(error)}`);
    }
  }

  async #sync(ctx: EngineContext): Promise<void> {
    if (!this.#tasks) {
      const prepared = await prepareTasks(ctx, this.#options);
      this.#tasks = prepared.tasks;
      if (!prepared.valid) {
        this.#setPhase('Failed', 'one or more synchronization tasks are not valid');
        return;
      }
    }
    const tasks = this.#tasks;
    const results = this.#results;
    if (!results.started()) {
      // Once per operation: validate every object with the API server before anything changes.
      const dry = await runTasks(ctx, filterOutOfSync(ctx, tasks), true);
      if (dry.state === 'failed') {
        this.#setPhase('Failed', 'one or more objects failed to apply (dry run)');
        return;
      }
    }
    this.#observeRunningTasks(ctx, tasks);

    const multiStep = isMultiStep(tasks.map((et) => et.task));
    const running = tasks.filter((et) => (multiStep || et.task.isHook) && results.running(et.task));
    if (running.length > 0) return this.#setRunning(running, false);

    const prunedPendingDelete = tasks.filter(
      (et) => !this.#options.options.dryRun && results.get(et.task)?.status === 'Pruned' && ctx.getLive(et.ref),
    );
    if (prunedPendingDelete.length > 0) return this.#setRunning(prunedPendingDelete, true);

    if (!this.#options.options.dryRun) {
      for (const et of tasks.filter((t) => t.task.isHook && t.applied && results.completed(t.task))) {
        try {
          await removeHookFinalizer(ctx, et);
        } catch (error) {
          ctx.signal.throwIfAborted();
          results.set(et.task, { hookPhase: 'Error', message: `Failed to remove hook finalizer: ${messageOf(error)}` });
        }
      }
    }
    const hookLive = (et: EngineTask) =>
      et.task.isHook && currentLive(ctx, et) !== undefined && !results.running(et.task);
    const deleteOnSuccess = tasks.filter((et) => hookLive(et) && et.task.deletePolicies.includes('HookSucceeded'));
    const deleteOnFailure = tasks.filter((et) => hookLive(et) && et.task.deletePolicies.includes('HookFailed'));

    const syncFail = tasks.filter((et) => et.task.phase === 'SyncFail');
    const others = tasks.filter((et) => et.task.phase !== 'SyncFail');
    if (others.some((et) => results.completed(et.task) && !results.successful(et.task))) {
      await this.#deleteHooks(ctx, deleteOnFailure);
      const failed = others.filter((et) => results.get(et.task)?.status === 'SyncFailed');
      return this.#fail(ctx, syncFail, failed, 'one or more synchronization tasks completed unsuccessfully');
    }

    const pending = filterOutOfSync(
      ctx,
      others.filter((et) => results.pending(et.task)),
    );
    const byTask = new Map<SyncTask, EngineTask>(pending.map((et) => [et.task, et]));
    const wave = nextWave(
      pending.map((et) => et.task),
      () => true,
    );
    if (!wave) {
      await this.#deleteHooks(ctx, deleteOnSuccess);
      return this.#setPhase('Succeeded', 'successfully synced (no more tasks)');
    }
    const waveTasks = wave.tasks.map((t) => byTask.get(t)!);
    // The last wave of plain resources succeeds right after its apply, even if they degrade later.
    const remaining = pending.filter((et) => !waveTasks.includes(et) || et.task.isHook);
    this.#setPhase('Running', 'one or more tasks are running');
    const run = await runTasks(ctx, waveTasks, false);
    if (run.state === 'successful' && !wave.final && !this.#options.options.dryRun) {
      // Lets controllers react to what was just applied before health is read (argo-cd#4669).
      await this.#options.clock.sleep(this.#options.waveDelayMs ?? DEFAULT_WAVE_DELAY_MS, ctx.signal);
    }
    switch (run.state) {
      case 'failed': {
        await this.#deleteHooks(ctx, deleteOnFailure);
        const failed = waveTasks.filter((et) => results.get(et.task)?.status === 'SyncFailed');
        return this.#fail(ctx, syncFail, failed, 'one or more objects failed to apply');
      }
      case 'successful':
        if (remaining.length === 0) {
          await this.#deleteHooks(ctx, deleteOnSuccess);
          return this.#setPhase('Succeeded', 'successfully synced (all tasks run)');
        }
        return this.#setRunning(remaining, false);
      default:
        if (run.message) return this.#setPhase('Running', run.message);
        return this.#setRunning(run.waitingOn ?? [], true);
    }
  }

  /** Reads the health of running tasks from their live objects (gitops-engine `Sync`, "update status of any tasks"). */
  #observeRunningTasks(ctx: EngineContext, tasks: readonly EngineTask[]): void {
    for (const et of tasks) {
      if (!this.#results.running(et.task)) continue;
      const live = currentLive(ctx, et);
      if (!live) continue;
      if (et.task.isHook) {
        const { phase, message } = hookPhaseOf(live);
        this.#results.set(et.task, { hookPhase: phase, message });
      } else {
        const next = resourcePhaseOf(live);
        if (next)
          this.#results.set(et.task, { hookPhase: next.phase, ...(next.message ? { message: next.message } : {}) });
      }
    }
  }

  /**
   * Fails the operation (gitops-engine `setOperationFailed`): the SyncFail hooks run first, the operation staying
   * Running until they complete; then Failed with the message and the failed tasks' reasons.
   */
  async #fail(ctx: EngineContext, syncFail: EngineTask[], failed: EngineTask[], message: string): Promise<void> {
    const reasons = failed.map((et) => this.#results.message(et.task));
    const errorMessage = reasons.length > 0 ? `${message}, reason: ${reasons.join(',')}` : message;
    const notRun = syncFail.filter((et) => this.#results.pending(et.task));
    if (syncFail.length === 0 || syncFail.every((et) => this.#results.completed(et.task))) {
      return this.#setPhase('Failed', errorMessage);
    }
    if (notRun.length > 0 && (await runTasks(ctx, notRun, false)).state === 'failed') {
      const hookReasons = notRun
        .filter((et) => this.#results.get(et.task)?.status === 'SyncFailed')
        .map((et) => this.#results.message(et.task));
      const hookMessage = `one or more SyncFail hooks failed${hookReasons.length > 0 ? `, reason: ${hookReasons.join(',')}` : ''}`;
      return this.#setPhase('Failed', `${errorMessage}\n${hookMessage}`);
    }
    this.#setRunning(
      syncFail.filter((et) => !this.#results.completed(et.task)),
      false,
    );
  }

  async #deleteHooks(ctx: EngineContext, hooks: readonly EngineTask[]): Promise<void> {
    for (const et of hooks) {
      try {
        await deleteTaskObject(ctx, et);
      } catch (error) {
        ctx.signal.throwIfAborted();
        this.#results.set(et.task, { hookPhase: 'Error', message: `failed to delete resource: ${messageOf(error)}` });
      }
    }
  }

  /** gitops-engine `Terminate`: hooks of this operation lose their finalizer; running ones are deleted. */
  async #terminate(): Promise<void> {
    const ctx = this.#context(AbortSignal.any(this.#signals()));
    let clean = true;
    for (const et of this.#tasks ?? []) {
      if (!et.task.isHook || !this.#results.get(et.task)) continue;
      const live = currentLive(ctx, et) ?? (await ctx.client.get(et.ref, ctx.signal));
      if (!live) continue;
      try {
        await removeHookFinalizer(ctx, et);
      } catch (error) {
        this.#results.set(et.task, {
          hookPhase: 'Error',
          message: `Failed to remove hook finalizer: ${messageOf(error)}`,
        });
        clean = false;
        continue;
      }
      const { phase, message } = hookPhaseOf(live);
      if (phase !== 'Running') {
        this.#results.set(et.task, { hookPhase: phase, message });
        continue;
      }
      try {
        await deleteTaskObject(ctx, et);
        this.#results.set(et.task, { hookPhase: 'Succeeded', message: 'Deleted' });
      } catch (error) {
        this.#results.set(et.task, { hookPhase: 'Failed', message: `Failed to delete: ${messageOf(error)}` });
        clean = false;
      }
    }
    if (clean) this.#setPhase('Failed', 'Operation terminated', true);
    else this.#setPhase('Error', 'Operation termination had errors', true);
  }

  #setRunning(tasks: readonly EngineTask[], pendingDeletion: boolean): void {
    const what = waitingFor(tasks, pendingDeletion);
    if (what === undefined || this.#abort.signal.aborted) return;
    this.#phase = 'Running';
    this.#message = `waiting for ${what}`;
    this.#waitingFor = what;
  }

  /** Once terminate() is called, only the termination itself changes the phase. */
  #setPhase(phase: OperationPhase, message: string, terminating = false): void {
    if (this.#abort.signal.aborted && !terminating && phase !== 'Terminating') return;
    this.#phase = phase;
    this.#message = message;
    this.#waitingFor = undefined;
  }

  #signals(...signals: AbortSignal[]): AbortSignal[] {
    return this.#options.signal ? [...signals, this.#options.signal] : signals;
  }

  #context(signal: AbortSignal): EngineContext {
    return {
      client: this.#options.client,
      clock: this.#options.clock,
      getLive: this.#options.getLive,
      options: this.#options.options,
      fieldManager: this.#options.fieldManager ?? 'argocd-controller',
      results: this.#results,
      signal,
    };
  }
}
