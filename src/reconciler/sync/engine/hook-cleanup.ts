import { ClusterError } from '../../cluster/index.ts';
import { HOOK_FINALIZER } from '../plan/index.ts';
import type { EngineContext, EngineTask } from './engine-task.ts';
import { propagationPolicy } from './prune-task.ts';

const CONFLICT_RETRIES = 5;

/**
 * Removes `argocd.argoproj.io/hook-finalizer` from a hook's object once its outcome is read (gitops-engine
 * `removeHookFinalizer`): a merge patch of the finalizer list guarded by resourceVersion, re-read and retried on
 * conflict; an object already gone is fine.
 */
export async function removeHookFinalizer(ctx: EngineContext, et: EngineTask): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const live = await ctx.client.get(et.ref, ctx.signal);
    const finalizers = live?.metadata.finalizers ?? [];
    if (!live || !finalizers.includes(HOOK_FINALIZER)) return;
    try {
      await ctx.client.mergePatch(
        et.ref,
        {
          metadata: {
            resourceVersion: live.metadata.resourceVersion,
            finalizers: finalizers.filter((f) => f !== HOOK_FINALIZER),
          },
        },
        {},
        ctx.signal,
      );
      return;
    } catch (error) {
      if (error instanceof ClusterError && error.notFound) return;
      if (!(error instanceof ClusterError && error.conflict) || attempt >= CONFLICT_RETRIES) throw error;
    }
  }
}

/** Deletes a task's object with the prune propagation policy (gitops-engine `deleteResource`); gone already is fine. */
export async function deleteTaskObject(ctx: EngineContext, et: EngineTask): Promise<void> {
  await ctx.client.delete(
    et.ref,
    { propagationPolicy: propagationPolicy(ctx.options.syncOptions.prunePropagationPolicy) },
    ctx.signal,
  );
}
