import { Backoff } from '../engine/backoff.ts';

export interface PulledImage {
  /** The reference as the runtime reports it, e.g. docker.io/library/nginx:1.27. */
  image: string;
  /** repository@sha256:…, as containerStatuses[].imageID. */
  imageID: string;
  labels: Record<string, string>;
}

/**
 * What the kubelet knows about one pod that is not in the pod object, kept in memory as the real kubelet keeps it
 * (its image manager's back-off, the container runtime's state): lost when the pod is deleted.
 */
export interface PodMemory {
  /** Image pulled for each container, by container name. */
  images: Map<string, PulledImage>;
  pulling?: { container: string; image: string; since: number };
  /** Keyed by image (K: kuberuntime image manager backOffKey pod uid + image). */
  pullBackoff: Backoff;
  /** Keyed by container name (K: kuberuntime_manager.go doBackOff). */
  crashBackoff: Backoff;
  /** When the kubelet sent SIGTERM to the pod's containers. */
  killingSince?: number;
  /** Exact start and exit times by container (status timestamps have only second precision). */
  startedAt: Map<string, number>;
  exitedAt: Map<string, number>;
  /** Last readiness probe time and consecutive failures, by container. */
  probedAt: Map<string, number>;
  probeFailures: Map<string, number>;
}

export function newPodMemory(): PodMemory {
  return {
    images: new Map(),
    pullBackoff: new Backoff(),
    crashBackoff: new Backoff(),
    startedAt: new Map(),
    exitedAt: new Map(),
    probedAt: new Map(),
    probeFailures: new Map(),
  };
}
