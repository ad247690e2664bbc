import { field } from '../../health/fields.ts';
import { SYNC_PHASES } from './hooks.ts';
import { kindRank } from './kind-order.ts';
import { type SyncTask, withWave } from './task.ts';

/**
 * The one comparator of sync order: phase (PreSync, Sync, PostSync, SyncFail), then wave, then kind (Helm's order,
 * unknown kinds last), then name — gitops-engine `syncTasks.Less` (pkg/sync/sync_tasks.go).
 */
export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    SYNC_PHASES.indexOf(a.phase) - SYNC_PHASES.indexOf(b.phase) ||
    a.wave - b.wave ||
    kindRank(a.kind) - kindRank(b.kind) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/**
 * Sorts by `compareTasks`, then moves dependencies before their first dependant, taking the dependant's phase and
 * wave: a Namespace before the first object in it, then a CRD before the first custom resource of its group/kind
 * (gitops-engine `syncTasks.Sort` / `adjustDeps`). Only tasks with a target take part.
 */
export function sortTasks(tasks: readonly SyncTask[]): SyncTask[] {
  const sorted = [...tasks].sort(compareTasks);
  adjustDependencies(
    sorted,
    (t) => (t.kind === 'Namespace' && t.group === '' ? t.name : undefined),
    (t) => (t.namespace !== '' ? t.namespace : undefined),
  );
  adjustDependencies(sorted, crdKey, (t) => `${t.group}/${t.kind}`);
  return sorted;
}

/** `<spec.group>/<spec.names.kind>` of a CRD target: the group/kind of the resources it defines. */
function crdKey(task: SyncTask): string | undefined {
  if (task.group !== 'apiextensions.k8s.io' || task.kind !== 'CustomResourceDefinition') return undefined;
  const group = field(task.target, 'spec', 'group');
  const kind = field(task.target, 'spec', 'names', 'kind');
  return typeof group === 'string' && typeof kind === 'string' ? `${group}/${kind}` : undefined;
}

function adjustDependencies(
  tasks: SyncTask[],
  dependencyKey: (task: SyncTask) => string | undefined,
  referencedKey: (task: SyncTask) => string | undefined,
): void {
  const firstReference = new Map<string, number>();
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    if (!task.target) continue;
    const key = dependencyKey(task);
    if (key !== undefined) {
      const index = firstReference.get(key);
      if (index === undefined) continue;
      const dependant = tasks[index]!;
      tasks.splice(i, 1);
      tasks.splice(index, 0, withWave(task, dependant.wave, dependant.phase));
      for (const [k, first] of firstReference) if (first >= index) firstReference.set(k, first + 1);
      continue;
    }
    const referenced = referencedKey(task);
    if (referenced !== undefined && !firstReference.has(referenced)) firstReference.set(referenced, i);
  }
}
