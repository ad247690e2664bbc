import { type KubeObject, parseApiVersion } from '../../../kube/object.ts';
import { ANNOTATION, annotationCsv } from './annotations.ts';
import { deletePoliciesOf, type HookDeletePolicy, isHook, type SyncPhase } from './hooks.ts';
import { waveOf } from './waves.ts';

/**
 * One step of a sync: apply `target` (create or update `live`), or prune `live` when there is no target. The plan
 * data only — what the sync engine records while running it (result, hook phase, message) lives beside it, keyed
 * by `taskKey`. Mirrors gitops-engine `syncTask` (pkg/sync/sync_task.go).
 */
export interface SyncTask {
  readonly phase: SyncPhase;
  /** The effective wave: the object's wave unless the plan overrode it (prune reversal, PruneLast, dependencies). */
  readonly wave: number;
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly target?: KubeObject;
  readonly live?: KubeObject;
  readonly isHook: boolean;
  /** For hooks, the hook type, which is the phase it runs in; undefined for ordinary resources. */
  readonly hookType?: SyncPhase;
  /** For hooks, the delete policies (BeforeHookCreation by default); empty for ordinary resources. */
  readonly deletePolicies: readonly HookDeletePolicy[];
  /** The object's own `argocd.argoproj.io/sync-options`, e.g. `Prune=false`, `ServerSideApply=true`. */
  readonly syncOptions: readonly string[];
  readonly isPrune: boolean;
}

/** The object a task is about: the target when there is one, else the live object (gitops-engine `obj()`). */
export function taskObject(task: Pick<SyncTask, 'target' | 'live'>): KubeObject {
  const obj = task.target ?? task.live;
  if (!obj) throw new TypeError('a sync task needs a target or a live object');
  return obj;
}

export function createSyncTask(options: {
  phase: SyncPhase;
  target?: KubeObject;
  live?: KubeObject;
  wave?: number;
}): SyncTask {
  const obj = taskObject(options);
  const hook = isHook(obj);
  return {
    phase: options.phase,
    wave: options.wave ?? waveOf(obj),
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
    ...(options.target ? { target: options.target } : {}),
    ...(options.live ? { live: options.live } : {}),
    isHook: hook,
    ...(hook ? { hookType: options.phase } : {}),
    deletePolicies: hook ? deletePoliciesOf(obj) : [],
    syncOptions: annotationCsv(obj, ANNOTATION.syncOptions),
    isPrune: options.target === undefined,
  };
}

/** A copy of the task in another wave (and phase), as gitops-engine's `waveOverride`. */
export function withWave(task: SyncTask, wave: number, phase: SyncPhase = task.phase): SyncTask {
  return { ...task, wave, phase, ...(task.isHook ? { hookType: phase } : {}) };
}

/** Identity of a task's result across sync steps: resource key plus phase (gitops-engine `resultKey`). */
export function taskKey(task: Pick<SyncTask, 'group' | 'kind' | 'namespace' | 'name' | 'phase'>): string {
  return `${task.group}/${task.kind}/${task.namespace}/${task.name}:${task.phase}`;
}
