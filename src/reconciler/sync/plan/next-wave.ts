import type { SyncPhase } from './hooks.ts';
import type { SyncTask } from './task.ts';

export interface Wave {
  phase: SyncPhase;
  wave: number;
  /** The pending tasks of that phase and wave, in sync order. */
  tasks: SyncTask[];
  /** No pending task remains after this wave (SyncFail tasks aside): the sync ends when it completes. */
  final: boolean;
}

/**
 * The next (phase, wave) to run: the lowest among pending tasks, SyncFail tasks excluded since they only run when
 * the sync fails (gitops-engine `Sync`, pkg/sync/sync_context.go). `tasks` must be sorted (`sortTasks`); `isPending`
 * says which have not started. Undefined when nothing is pending: the sync has succeeded.
 */
export function nextWave(tasks: readonly SyncTask[], isPending: (task: SyncTask) => boolean): Wave | undefined {
  const pending = tasks.filter((t) => t.phase !== 'SyncFail' && isPending(t));
  const first = pending[0];
  const last = pending[pending.length - 1];
  if (!first || !last) return undefined;
  return {
    phase: first.phase,
    wave: first.wave,
    tasks: pending.filter((t) => t.phase === first.phase && t.wave === first.wave),
    final: first.phase === last.phase && first.wave === last.wave,
  };
}

/**
 * Whether a sync has more than one (phase, wave) among all its tasks. A single-step sync without hooks succeeds
 * right after applying, without waiting for health ("successfully synced (all tasks run)").
 */
export function isMultiStep(tasks: readonly SyncTask[]): boolean {
  const first = tasks[0];
  const last = tasks[tasks.length - 1];
  return first !== undefined && last !== undefined && (first.phase !== last.phase || first.wave !== last.wave);
}
