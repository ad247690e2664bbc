import { parseApiVersion } from '../../../kube/object.ts';
import { type SyncTask, taskKey, taskObject } from '../plan/index.ts';
import type { OperationPhase, ResultCode, SyncResourceResult } from './types.ts';

/**
 * The per-task results of one operation, keyed by resource and phase (gitops-engine `syncRes` and
 * `setResourceResult`): a later update keeps the earlier status when it gives none and the earlier message when
 * its own is empty; entries keep the order in which they were first recorded.
 */
export class SyncResults {
  readonly #byKey = new Map<string, SyncResourceResult>();

  get(task: SyncTask): SyncResourceResult | undefined {
    return this.#byKey.get(taskKey(task));
  }

  set(task: SyncTask, update: { status?: ResultCode; hookPhase: OperationPhase; message?: string }): void {
    const key = taskKey(task);
    const existing = this.#byKey.get(key);
    if (existing) {
      if (update.status) existing.status = update.status;
      existing.hookPhase = update.hookPhase;
      if (update.message) existing.message = update.message;
      return;
    }
    const obj = taskObject(task);
    this.#byKey.set(key, {
      group: task.group,
      version: parseApiVersion(obj.apiVersion).version,
      kind: task.kind,
      namespace: task.namespace,
      name: task.name,
      status: update.status ?? 'Synced',
      message: update.message ?? '',
      ...(task.hookType ? { hookType: task.hookType } : {}),
      hookPhase: update.hookPhase,
      syncPhase: task.phase,
    });
  }

  /** Whether anything was recorded: the dry run has passed (gitops-engine `started`). */
  started(): boolean {
    return this.#byKey.size > 0;
  }

  list(): SyncResourceResult[] {
    return [...this.#byKey.values()].map((r) => ({ ...r }));
  }

  /** No operation phase yet: the task has not run (gitops-engine `syncTask.pending`). */
  pending(task: SyncTask): boolean {
    return this.get(task)?.hookPhase === undefined;
  }

  running(task: SyncTask): boolean {
    const phase = this.get(task)?.hookPhase;
    return phase === 'Running' || phase === 'Terminating';
  }

  completed(task: SyncTask): boolean {
    const phase = this.get(task)?.hookPhase;
    return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
  }

  successful(task: SyncTask): boolean {
    return this.get(task)?.hookPhase === 'Succeeded';
  }

  message(task: SyncTask): string {
    return this.get(task)?.message ?? '';
  }
}
