import type { KubeObject } from '../../../kube/object.ts';
import { ANNOTATION, annotationOptionValue, hasAnnotationOption } from './annotations.ts';
import type { SyncTask } from './task.ts';
import { withWave } from './task.ts';

/**
 * Re-waves prune tasks for cleanup (gitops-engine `getSyncTasks`, pkg/sync/sync_context.go):
 * 1. prune waves are mirrored — the distinct waves of prune tasks, sorted, are swapped end for end — so objects are
 *    deleted in the reverse of their creation order;
 * 2. prune tasks with PruneLast (app-level, or `PruneLast=true` on the live object) then move to the last Sync-phase
 *    wave + 1, that last wave counting every Sync task after step 1 and never below 0.
 * Other tasks are returned unchanged, in the same positions.
 */
export function rewavePruneTasks(tasks: readonly SyncTask[], options: { pruneLast?: boolean } = {}): SyncTask[] {
  const pruneWaves = [...new Set(tasks.filter((t) => t.isPrune).map((t) => t.wave))].sort((a, b) => a - b);
  const mirrored = new Map(pruneWaves.map((wave, i) => [wave, pruneWaves[pruneWaves.length - 1 - i]!]));
  const reversed = tasks.map((t) => (t.isPrune ? withWave(t, mirrored.get(t.wave)!) : t));
  const lastSyncWave = Math.max(0, ...reversed.filter((t) => t.phase === 'Sync').map((t) => t.wave)) + 1;
  return reversed.map((t) =>
    t.isPrune && (options.pruneLast || hasAnnotationOption(t.live, ANNOTATION.syncOptions, 'PruneLast=true'))
      ? withWave(t, lastSyncWave)
      : t,
  );
}

/** `Prune=` on the object wins over the app's `Prune=` sync option (argo-cd controller/state.go, GE sync_context). */
export function pruneOptionOf(live: KubeObject | undefined, appPruneOption?: string): string | undefined {
  return annotationOptionValue(live, ANNOTATION.syncOptions, 'Prune') ?? appPruneOption;
}

export type PruneDecision =
  | { action: 'prune'; status: 'Pruned'; message: 'pruned' | 'pruned (dry run)' }
  | { action: 'skip'; status: 'PruneSkipped'; message: 'ignored (requires pruning)' | 'ignored (no prune)' }
  | { action: 'confirm' };

/**
 * What to do with a prune task, with the result gitops-engine `pruneObject` records: PruneSkipped "ignored
 * (requires pruning)" when the sync does not prune, "ignored (no prune)" for `Prune=false`, else Pruned. `Prune=confirm`
 * waits for an explicit confirmation (Argo CD: the app's `argocd.argoproj.io/deletion-approved` annotation).
 */
export function pruneDecision(
  task: SyncTask,
  options: { prune: boolean; dryRun?: boolean; appPruneOption?: string; confirmed?: boolean },
): PruneDecision {
  if (!options.prune) return { action: 'skip', status: 'PruneSkipped', message: 'ignored (requires pruning)' };
  const option = pruneOptionOf(task.live, options.appPruneOption);
  if (option === 'false') return { action: 'skip', status: 'PruneSkipped', message: 'ignored (no prune)' };
  if (option === 'confirm' && !options.confirmed) return { action: 'confirm' };
  return { action: 'prune', status: 'Pruned', message: options.dryRun ? 'pruned (dry run)' : 'pruned' };
}
