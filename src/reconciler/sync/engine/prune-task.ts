import { messageOf } from '../../../errors.ts';
import type { PropagationPolicy } from '../plan/index.ts';
import { pruneDecision } from '../plan/index.ts';
import type { TaskOutcome } from './apply-task.ts';
import { currentLive, type EngineContext, type EngineTask } from './engine-task.ts';

const POLICY = { foreground: 'Foreground', background: 'Background', orphan: 'Orphan' } as const;

/** The DeleteOptions propagation policy of prunes and hook deletions (PrunePropagationPolicy, default foreground). */
export function propagationPolicy(policy: PropagationPolicy): 'Foreground' | 'Background' | 'Orphan' {
  return POLICY[policy];
}

/**
 * Prunes a live object that has no target (gitops-engine `pruneObject`): PruneSkipped when the sync does not prune or
 * the object says `Prune=false`; in a dry run only the verdict; otherwise a DELETE with the propagation policy, not
 * repeated for an object already being deleted (no update hot loop). `Prune=confirm` is decided by the caller.
 */
export async function pruneTask(ctx: EngineContext, et: EngineTask, dryRun: boolean): Promise<TaskOutcome> {
  const decision = pruneDecision(et.task, {
    prune: ctx.options.prune,
    dryRun,
    appPruneOption: ctx.options.syncOptions.prune,
    confirmed: true,
  });
  if (decision.action !== 'prune') {
    return decision.action === 'skip'
      ? { status: decision.status, message: decision.message }
      : { status: 'PruneSkipped', message: 'ignored (requires confirmation)' };
  }
  if (dryRun) return { status: 'Pruned', message: decision.message };
  const live = currentLive(ctx, et) ?? et.task.live;
  if (live?.metadata.deletionTimestamp) return { status: 'Pruned', message: 'pruned' };
  try {
    await ctx.client.delete(
      et.ref,
      { propagationPolicy: propagationPolicy(ctx.options.syncOptions.prunePropagationPolicy) },
      ctx.signal,
    );
    return { status: 'Pruned', message: 'pruned' };
  } catch (error) {
    ctx.signal.throwIfAborted();
    return { status: 'SyncFailed', message: messageOf(error) };
  }
}
