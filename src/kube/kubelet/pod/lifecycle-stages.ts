import { formatTime } from '../../../clock/index.ts';
import { SANDBOX_MS, STAGE_JITTER } from '../defaults.ts';
import type { Stage } from '../engine/stage.ts';
import { deleting, terminal } from './pod-facts.ts';
import type { PodMemory } from './pod-memory.ts';
import type { PodNode } from './pod-node.ts';
import { draftStatus, finish, waitingStatus } from './pod-status.ts';
import { podSpec, podStatus } from './pod-types.ts';

/**
 * The kubelet admits a pod bound to its node: startTime, hostIP, every container waiting in ContainerCreating,
 * Ready=False (K: pkg/kubelet/kubelet_pods.go generateAPIPodStatus on the first sync).
 */
export function acceptStage(node: PodNode): Stage<PodMemory> {
  return {
    name: 'pod-accept',
    kind: 'Pod',
    selector: (pod) => !deleting(pod) && !podStatus(pod).startTime && !terminal(pod),
    next(pod, env) {
      const status = draftStatus(pod);
      status.hostIP = node.hostIP;
      status.hostIPs = [{ ip: node.hostIP }];
      status.startTime = formatTime(env.now);
      status.containerStatuses = podSpec(pod).containers.map((c) =>
        waitingStatus(c.name, c.image, 'ContainerCreating'),
      );
      return { status: finish(pod, status, env.now) };
    },
  };
}

/** The pod sandbox (pause container + CNI) comes up: pod IP from the node's CIDR, PodReadyToStartContainers. */
export function sandboxStage(node: PodNode): Stage<PodMemory> {
  return {
    name: 'pod-sandbox-ready',
    kind: 'Pod',
    selector: (pod) => !deleting(pod) && !terminal(pod) && Boolean(podStatus(pod).startTime) && !podStatus(pod).podIP,
    delay: { ms: SANDBOX_MS, jitterFraction: STAGE_JITTER },
    next(pod, env) {
      const status = draftStatus(pod);
      const ip = podSpec(pod).hostNetwork ? node.hostIP : node.ips.allocate(pod.metadata.uid!);
      status.podIP = ip;
      status.podIPs = [{ ip }];
      return { status: finish(pod, status, env.now) };
    },
  };
}
