import type { EngineTask } from './engine-task.ts';

/**
 * What a running operation waits for (gitops-engine `setRunningPhase`): "completion of hook", "healthy state of" or
 * "deletion of" the first task as group/kind/name, then "and N more hooks|resources".
 */
export function waitingFor(tasks: readonly EngineTask[], pendingDeletion: boolean): string | undefined {
  const first = tasks[0]?.task;
  if (!first) return undefined;
  const what = pendingDeletion ? 'deletion of' : first.isHook ? 'completion of hook' : 'healthy state of';
  const more = tasks.length - 1;
  const tail = more > 0 ? ` and ${more} more ${first.isHook ? 'hooks' : 'resources'}` : '';
  return `${what} ${first.group}/${first.kind}/${first.name}${tail}`;
}
