import type { KubeObject } from '../../object.ts';
import type { PodMemory } from './pod-memory.ts';
import {
  type Container,
  type ContainerStatus,
  containerStatus,
  isTerminalPhase,
  podSpec,
  podStatus,
} from './pod-types.ts';

/** Small questions pod stage selectors ask; each O(containers). */

export const deleting = (pod: KubeObject): boolean => Boolean(pod.metadata.deletionTimestamp);

export const terminal = (pod: KubeObject): boolean => isTerminalPhase(podStatus(pod).phase);

/** Accepted, sandbox up, not finished, not being deleted: containers can be pulled, started, probed. */
export const active = (pod: KubeObject): boolean => !deleting(pod) && !terminal(pod) && Boolean(podStatus(pod).podIP);

export function running(pod: KubeObject): ContainerStatus[] {
  return (podStatus(pod).containerStatuses ?? []).filter((c) => c.state.running);
}

/** Containers that have never been started (no container ID yet). */
export function neverStarted(pod: KubeObject): Container[] {
  return podSpec(pod).containers.filter((c) => !containerStatus(pod, c.name)?.containerID);
}

/** The first container whose image the kubelet still has to get. */
export function needingImage(pod: KubeObject, memory: PodMemory): Container | undefined {
  return neverStarted(pod).find((c) => !memory.images.has(c.name));
}

/** Whether the restart policy restarts a container that exited with `exitCode` (K: kubelet ShouldContainerBeRestarted). */
export function restarts(pod: KubeObject, exitCode: number): boolean {
  const policy = podSpec(pod).restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** Containers that exited and will be restarted: terminated now, or already waiting in CrashLoopBackOff. */
export function toRestart(pod: KubeObject): ContainerStatus[] {
  return (podStatus(pod).containerStatuses ?? []).filter((c) => {
    const exited =
      c.state.terminated ?? (c.state.waiting?.reason === 'CrashLoopBackOff' ? c.lastState.terminated : undefined);
    return exited !== undefined && restarts(pod, exited.exitCode);
  });
}

export function specOf(pod: KubeObject, name: string): Container | undefined {
  return podSpec(pod).containers.find((c) => c.name === name);
}
