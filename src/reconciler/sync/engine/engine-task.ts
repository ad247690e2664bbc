import type { Clock } from '../../../clock/index.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { ClusterClient, ObjectRef } from '../../cluster/index.ts';
import type { SyncTask } from '../plan/index.ts';
import type { SyncResults } from './results.ts';
import type { GetLive, SyncOperationOptions } from './types.ts';

/** A planned task with what the engine learns while running it (gitops-engine `syncTask`'s mutable fields). */
export interface EngineTask {
  readonly task: SyncTask;
  /** Where the object lives: the namespace only for namespaced kinds (targets carry the destination's anyway). */
  ref: ObjectRef;
  /** Whether the kind is namespaced; undefined while the cluster does not serve it (a CRD of this sync). */
  namespaced?: boolean;
  /** Left out of the dry run: its kind is not served yet (SkipDryRunOnMissingResource, CRD in the same sync). */
  skipDryRun: boolean;
  /** The uid and generation our apply returned: a live object from before the apply is stale, not this one. */
  applied?: { uid: string; generation: number };
}

/** What the engine's helpers share for one operation. */
export interface EngineContext {
  readonly client: ClusterClient;
  readonly clock: Clock;
  readonly getLive: GetLive;
  readonly options: SyncOperationOptions;
  readonly fieldManager: string;
  readonly results: SyncResults;
  readonly signal: AbortSignal;
}

/**
 * The live object of a task as the caller's watches see it, or undefined when it does not exist — or when the watch
 * has not yet caught up with our own apply (another uid, an older generation), so health is never read from the
 * object as it was before the apply.
 */
export function currentLive(ctx: EngineContext, et: EngineTask): KubeObject | undefined {
  const live = ctx.getLive(et.ref);
  if (!live || !et.applied) return live;
  if (live.metadata.uid !== et.applied.uid) return undefined;
  return (live.metadata.generation ?? 0) < et.applied.generation ? undefined : live;
}

/** `group/Kind/name`, as gitops-engine names tasks in its messages. */
export function taskLabel(task: SyncTask): string {
  return `${task.group}/${task.kind}/${task.name}`;
}
