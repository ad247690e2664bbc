import { type KubeObject, parseApiVersion } from '../../../kube/object.ts';
import { hookName } from './hook-name.ts';
import { HOOK_FINALIZER, hasHookFinalizer, isHook, syncPhasesOf } from './hooks.ts';
import { sortTasks } from './order.ts';
import { rewavePruneTasks } from './prune.ts';
import { createSyncTask, type SyncTask } from './task.ts';

export interface PlanInput {
  /** Managed resources: target from git, live from the cluster; no target = to prune. Hooks here are ignored. */
  resources: readonly { target?: KubeObject; live?: KubeObject }[];
  /** Hook objects rendered from git (see `isHook`); they become tasks in their phases unless `skipHooks`. */
  hooks?: readonly KubeObject[];
  /** The revision being synced; its first 7 characters name generateName hooks. */
  revision: string;
  /** The operation's start, epoch ms: part of generateName hook names, so every step names them the same. */
  startedAt: number;
  /** The destination namespace, set on targets that have none. */
  namespace: string;
  /** Selective syncs (a `resources` filter, self-heal) run no hooks. */
  skipHooks?: boolean;
  /** App-level PruneLast. */
  pruneLast?: boolean;
}

/**
 * All tasks of a sync, in execution order — gitops-engine `getSyncTasks` without its cluster lookups (permission
 * checks, namespace auto-creation and dry-run skipping are the sync engine's):
 * - one task per sync phase of each non-hook resource (a `Skip` resource has none);
 * - hook tasks with a name derived from generateName when they have none, and the hook finalizer;
 * - targets without a namespace get the destination's (gitops-engine does this even for cluster-scoped objects so
 *   nothing lands in a namespace by accident; the API server ignores it for them);
 * - targets are paired with their live object by group, kind, namespace (if any) and name;
 * - prune tasks re-waved (`rewavePruneTasks`), then everything sorted (`sortTasks`).
 */
export function planSyncTasks(input: PlanInput): SyncTask[] {
  const tasks: SyncTask[] = [];
  for (const { target, live } of input.resources) {
    const obj = target ?? live;
    if (!obj || isHook(obj)) continue;
    for (const phase of syncPhasesOf(obj)) {
      tasks.push(
        createSyncTask({
          phase,
          ...(target ? { target: withNamespace(target, input.namespace) } : {}),
          ...(live ? { live } : {}),
        }),
      );
    }
  }
  if (!input.skipHooks) {
    for (const hook of input.hooks ?? []) {
      for (const phase of syncPhasesOf(hook)) {
        const target = withNamespace(namedHook(hook, input, phase), input.namespace);
        const live = liveFor(target, input.resources);
        tasks.push(createSyncTask({ phase, target, ...(live ? { live } : {}) }));
      }
    }
  }
  return sortTasks(rewavePruneTasks(tasks, { pruneLast: input.pruneLast ?? false }));
}

function namedHook(hook: KubeObject, input: PlanInput, phase: Parameters<typeof hookName>[0]['phase']): KubeObject {
  const name =
    hook.metadata.name ||
    hookName({
      generateName: hook.metadata.generateName ?? '',
      revision: input.revision,
      phase,
      startedAt: input.startedAt,
    });
  const finalizers = hasHookFinalizer(hook)
    ? hook.metadata.finalizers
    : [...(hook.metadata.finalizers ?? []), HOOK_FINALIZER];
  return { ...hook, metadata: { ...hook.metadata, name, finalizers } };
}

function withNamespace(obj: KubeObject, namespace: string): KubeObject {
  return obj.metadata.namespace ? obj : { ...obj, metadata: { ...obj.metadata, namespace } };
}

function liveFor(target: KubeObject, resources: PlanInput['resources']): KubeObject | undefined {
  const group = (o: KubeObject) => parseApiVersion(o.apiVersion).group;
  for (const { live } of resources) {
    if (
      live &&
      group(live) === group(target) &&
      live.kind === target.kind &&
      (!live.metadata.namespace || live.metadata.namespace === target.metadata.namespace) &&
      live.metadata.name === target.metadata.name
    ) {
      return live;
    }
  }
  return undefined;
}
