import { messageOf } from '../../../errors.ts';
import { hasHookFinalizer, pruneOptionOf } from '../plan/index.ts';
import { applyTask, type TaskOutcome } from './apply-task.ts';
import { currentLive, type EngineContext, type EngineTask } from './engine-task.ts';
import { deleteTaskObject, removeHookFinalizer } from './hook-cleanup.ts';
import { resolveScope } from './prepare-tasks.ts';
import { pruneTask } from './prune-task.ts';
import type { OperationPhase, ResultCode } from './types.ts';

/** gitops-engine's tri-state `runState`: failed wins over pending, which wins over successful. */
export type RunState = 'successful' | 'pending' | 'failed';

export interface RunOutcome {
  state: RunState;
  /** When pending: the tasks waited for (hooks being deleted before re-creation) or a confirmation message. */
  waitingOn?: EngineTask[];
  message?: string;
}

/** The operation phase a result code leaves the task in (gitops-engine `operationPhases`). */
const PHASE_OF: Record<ResultCode, OperationPhase> = {
  Synced: 'Running',
  SyncFailed: 'Failed',
  Pruned: 'Succeeded',
  PruneSkipped: 'Succeeded',
};

/**
 * Runs tasks once, for real or as a dry run (gitops-engine `runTasks`): prunes first (all at once); then hooks that
 * must be deleted before they are created again (the sync comes back once they are gone); then applies, one kind
 * after another in sync order, the objects of one kind at once. Results of a dry run are recorded only for failures,
 * unless the whole operation is a dry run.
 */
export async function runTasks(
  ctx: EngineContext,
  tasks: readonly EngineTask[],
  dryRunPass: boolean,
): Promise<RunOutcome> {
  const dryRun = dryRunPass || ctx.options.dryRun;
  const record = (et: EngineTask, outcome: TaskOutcome) => {
    if (dryRunPass && !ctx.options.dryRun && outcome.status !== 'SyncFailed') return;
    let phase = PHASE_OF[outcome.status];
    if (ctx.options.dryRun && phase === 'Running') phase = 'Succeeded';
    ctx.results.set(et.task, { status: outcome.status, hookPhase: phase, message: outcome.message });
  };
  const prunes = tasks.filter((et) => et.task.isPrune);
  const creates = tasks.filter((et) => !et.task.isPrune);

  const unconfirmed =
    ctx.options.prune && !ctx.options.pruneConfirmed
      ? prunes.filter((et) => pruneOptionOf(et.task.live, ctx.options.syncOptions.prune) === 'confirm')
      : [];
  if (unconfirmed.length > 0) {
    const first = unconfirmed[0]!.task;
    const more = unconfirmed.length > 1 ? ` and ${unconfirmed.length - 1} more resources` : '';
    const obj = first.live!;
    return {
      state: 'pending',
      message: `Waiting for pruning confirmation of ${obj.apiVersion}/${first.kind}/${first.name}${more}`,
    };
  }
  let state: RunState = 'successful';
  const pruned = await Promise.all(prunes.map(async (et) => [et, await pruneTask(ctx, et, dryRun)] as const));
  for (const [et, outcome] of pruned) {
    if (outcome.status === 'SyncFailed') state = 'failed';
    record(et, outcome);
  }
  if (state !== 'successful') return { state };

  const beforeCreation = creates.filter((et) => deleteBeforeCreation(ctx, et));
  if (beforeCreation.length > 0 && !dryRun) {
    for (const et of beforeCreation) {
      try {
        if (hasHookFinalizer(currentLive(ctx, et)!)) await removeHookFinalizer(ctx, et);
        await deleteTaskObject(ctx, et);
        if (state === 'successful') state = 'pending';
      } catch (error) {
        ctx.signal.throwIfAborted();
        state = 'failed';
        ctx.results.set(et.task, { hookPhase: 'Error', message: `failed to delete resource: ${messageOf(error)}` });
      }
    }
    if (state !== 'successful') return state === 'pending' ? { state, waitingOn: beforeCreation } : { state };
  }

  for (const group of groupByKind(creates)) {
    const outcomes = await Promise.all(
      group.map(async (et) => {
        if (dryRun && et.skipDryRun) return undefined;
        if (et.namespaced === undefined && !dryRun) await resolveScope(ctx, et);
        // A hook about to be deleted and re-created is validated as a new object, not against the old one.
        const asNew = dryRun && beforeCreation.includes(et);
        return [et, await applyTask(ctx, et, dryRun, { asNew })] as const;
      }),
    );
    for (const entry of outcomes) {
      if (!entry) continue;
      const [et, outcome] = entry;
      if (outcome.status === 'SyncFailed') state = 'failed';
      record(et, outcome);
    }
  }
  return { state };
}

/** A hook whose object exists from an earlier run and has BeforeHookCreation (gitops-engine `deleteBeforeCreation`). */
function deleteBeforeCreation(ctx: EngineContext, et: EngineTask): boolean {
  return (
    et.task.isHook &&
    et.task.deletePolicies.includes('BeforeHookCreation') &&
    ctx.results.pending(et.task) &&
    currentLive(ctx, et) !== undefined
  );
}

/** Consecutive tasks of the same kind (gitops-engine applies one kind at a time, objects of a kind concurrently). */
function groupByKind(tasks: readonly EngineTask[]): EngineTask[][] {
  const groups: EngineTask[][] = [];
  for (const et of tasks) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.task.kind === et.task.kind) last.push(et);
    else groups.push([et]);
  }
  return groups;
}
