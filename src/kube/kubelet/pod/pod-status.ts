import { formatTime } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import {
  type ContainerStatus,
  isTerminalPhase,
  type PodCondition,
  type PodStatus,
  podSpec,
  podStatus,
} from './pod-types.ts';

/** A copy of the pod's status for a stage to change, then `finish` to derive phase and conditions. */
export function draftStatus(pod: KubeObject): PodStatus {
  return structuredClone(podStatus(pod));
}

export function waitingStatus(
  name: string,
  image: string,
  reason: string,
  previous?: ContainerStatus,
  message?: string,
): ContainerStatus {
  return {
    name,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    lastState: previous?.lastState ?? {},
    ready: false,
    restartCount: previous?.restartCount ?? 0,
    image: previous?.image ?? image,
    imageID: previous?.imageID ?? '',
    ...(previous?.containerID ? { containerID: previous.containerID } : {}),
    started: false,
  };
}

/** Replaces one container's status, keeping the spec's container order. */
export function setContainer(status: PodStatus, next: ContainerStatus): void {
  const list = status.containerStatuses ?? [];
  const i = list.findIndex((c) => c.name === next.name);
  if (i >= 0) list[i] = next;
  else list.push(next);
  status.containerStatuses = list;
}

/**
 * The phase the kubelet derives from container states (K: pkg/kubelet/kubelet_pods.go getPhase): waiting for a
 * first start → Pending; any running → Running; all stopped → by restart policy, or terminal when the pod is being
 * torn down (deleted) — Succeeded when every container exited 0.
 */
export function derivePhase(pod: KubeObject, status: PodStatus, tornDown: boolean): PodStatus['phase'] {
  const containers = status.containerStatuses ?? [];
  if (containers.length === 0) return 'Pending';
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of containers) {
    if (c.state.running) running++;
    else if (c.state.terminated) {
      stopped++;
      if (c.state.terminated.exitCode === 0) succeeded++;
    } else if (c.lastState.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (tornDown) return stopped === succeeded ? 'Succeeded' : 'Failed';
  const policy = podSpec(pod).restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (policy === 'OnFailure') return stopped === succeeded ? 'Succeeded' : 'Running';
  return stopped === succeeded ? 'Succeeded' : 'Failed';
}

/**
 * Sets phase and the kubelet's conditions, in the order it writes them (K: pkg/kubelet/status/generate.go and
 * kubelet_pods.go generateAPIPodStatus): PodReadyToStartContainers, Initialized, Ready, ContainersReady, then the
 * scheduler's PodScheduled. A condition whose status did not change keeps its lastTransitionTime.
 */
export function finish(
  pod: KubeObject,
  status: PodStatus,
  now: number,
  options: { tornDown?: boolean } = {},
): PodStatus {
  const phase = derivePhase(pod, status, options.tornDown ?? false);
  status.phase = phase;
  const terminal = isTerminalPhase(phase);
  const containers = status.containerStatuses ?? [];
  const unready = containers.filter((c) => !c.ready).map((c) => c.name);
  const ready = (type: string): Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'> =>
    terminal
      ? { type, status: 'False', reason: 'PodCompleted' }
      : unready.length === 0 && containers.length > 0
        ? { type, status: 'True' }
        : {
            type,
            status: 'False',
            reason: 'ContainersNotReady',
            message: `containers with unready status: [${unready.join(' ')}]`,
          };
  const previous = status.conditions ?? [];
  const at = formatTime(now);
  const make = (c: Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>): PodCondition => {
    const old = previous.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : at;
    return { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime, ...rest(c) };
  };
  const sandboxReady = Boolean(status.podIP) && !terminal;
  const conditions = [
    make({ type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' }),
    make({ type: 'Initialized', status: 'True' }),
    make(ready('Ready')),
    make(ready('ContainersReady')),
    ...previous.filter(
      (c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].includes(c.type),
    ),
  ];
  status.conditions = conditions;
  return status;
}

function rest(c: { reason?: string; message?: string }): { reason?: string; message?: string } {
  return { ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) };
}
