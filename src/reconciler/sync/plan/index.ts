export { ANNOTATION, annotationCsv, annotationOptionValue, hasAnnotationOption } from './annotations.ts';
export { SyncPlanError, type SyncPlanErrorCode } from './errors.ts';
export { hookName } from './hook-name.ts';
export {
  deletePoliciesOf,
  HOOK_FINALIZER,
  type HookDeletePolicy,
  type HookType,
  hasHookFinalizer,
  hookTypesOf,
  isHook,
  isSkipped,
  SYNC_PHASES,
  type SyncPhase,
  syncPhasesOf,
} from './hooks.ts';
export { kindRank } from './kind-order.ts';
export { isMultiStep, nextWave, type Wave } from './next-wave.ts';
export { compareTasks, sortTasks } from './order.ts';
export { type PlanInput, planSyncTasks } from './plan.ts';
export { type PruneDecision, pruneDecision, pruneOptionOf, rewavePruneTasks } from './prune.ts';
export {
  type AppSyncOptions,
  DEFAULT_SYNC_OPTIONS,
  type DeletionOption,
  type PropagationPolicy,
  parseSyncOptions,
} from './sync-options.ts';
export { createSyncTask, type SyncTask, taskKey, taskObject, withWave } from './task.ts';
export { waveOf } from './waves.ts';
