import type { KubeObject } from '../../object.ts';
import { humanDuration } from './human-duration.ts';
import type { Column } from './table-columns.ts';

// biome-ignore lint/suspicious/noExplicitAny: printers read loosely typed objects, as the real server's printers do
type Any = Record<string, any>;

/**
 * The pod STATUS column as kubectl shows it (K: printers.go printPod): the phase, overridden by the reason of a
 * waiting or terminated container, "Init:x/y" during init containers, and "Terminating" while being deleted.
 */
export function podStatusText(pod: KubeObject): string {
  const status = (pod['status'] ?? {}) as Any;
  let reason: string = status.reason ?? status.phase ?? 'Unknown';
  const init = (status.initContainerStatuses ?? []) as Any[];
  const initTotal = ((pod['spec'] as Any)?.initContainers ?? []).length;
  for (const [i, c] of init.entries()) {
    if (c.state?.terminated?.exitCode === 0) continue;
    if (c.state?.terminated) reason = `Init:${c.state.terminated.reason || `ExitCode:${c.state.terminated.exitCode}`}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initTotal}`;
    return pod.metadata.deletionTimestamp ? 'Terminating' : reason;
  }
  let running = false;
  for (const c of [...((status.containerStatuses ?? []) as Any[])].reverse()) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated)
      reason = c.state.terminated.signal
        ? `Signal:${c.state.terminated.signal}`
        : `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) running = true;
  }
  if (reason === 'Completed' && running) reason = 'Running';
  if (pod.metadata.deletionTimestamp) return status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function restarts(pod: KubeObject, now: number): string | number {
  const statuses = ((pod['status'] as Any)?.containerStatuses ?? []) as Any[];
  const count = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const last = statuses
    .map((c) => c.lastState?.terminated?.finishedAt as string | undefined)
    .filter(Boolean)
    .sort()
    .at(-1);
  return count > 0 && last ? `${count} (${humanDuration(now - Date.parse(last))} ago)` : count;
}

export const podColumns: Column[] = [
  {
    name: 'Ready',
    type: 'string',
    cell: (pod) => {
      const total = ((pod['spec'] as Any)?.containers ?? []).length;
      const ready = (((pod['status'] as Any)?.containerStatuses ?? []) as Any[]).filter((c) => c.ready).length;
      return `${ready}/${total}`;
    },
  },
  { name: 'Status', type: 'string', cell: podStatusText },
  { name: 'Restarts', type: 'string', cell: restarts },
  { name: 'IP', type: 'string', priority: 1, cell: (pod) => (pod['status'] as Any)?.podIP ?? '<none>' },
  { name: 'Node', type: 'string', priority: 1, cell: (pod) => (pod['spec'] as Any)?.nodeName ?? '<none>' },
  {
    name: 'Nominated Node',
    type: 'string',
    priority: 1,
    cell: (pod) => (pod['status'] as Any)?.nominatedNodeName ?? '<none>',
  },
  { name: 'Readiness Gates', type: 'string', priority: 1, cell: () => '<none>' },
];
