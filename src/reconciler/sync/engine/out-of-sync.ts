import type { EngineContext, EngineTask } from './engine-task.ts';

/** A resource's identity in `SyncOperationOptions.resourceStatuses`: `group/kind/namespace/name`, no namespace for
 * cluster-scoped kinds (gitops-engine `kube.ResourceKey`). */
export function resourceKey(r: { group?: string; kind: string; namespace?: string; name: string }): string {
  return `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
}

/**
 * `ApplyOutOfSyncOnly=true` (gitops-engine `filterOutOfSyncTasks`, pkg/sync/sync_context.go): leaves out a resource
 * that has both a target and a live object and that the comparison found Synced. Hooks, prunes, creations and
 * resources the comparison did not see are kept. Without the option, or without statuses, every task is kept.
 */
export function filterOutOfSync(ctx: EngineContext, tasks: readonly EngineTask[]): EngineTask[] {
  const statuses = ctx.options.resourceStatuses;
  if (!ctx.options.syncOptions.applyOutOfSyncOnly || !statuses) return [...tasks];
  return tasks.filter((et) => {
    const { task } = et;
    if (task.isHook || !task.target || !task.live) return true;
    const key = resourceKey({ group: task.group, kind: task.kind, namespace: et.ref.namespace, name: task.name });
    return statuses.get(key) !== 'Synced';
  });
}
