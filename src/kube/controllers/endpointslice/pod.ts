import type { KubeObject } from '../../object.ts';

/** The fields of core/v1 objects the controllers read, as typed views over stored JSON (no classes). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface PodSpec {
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
  containers: { name: string; image?: string; ports?: ContainerPort[] }[];
  [field: string]: unknown;
}

export interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { terminated?: { exitCode?: number; finishedAt?: string } };
}

export interface PodStatus {
  phase?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  conditions?: Condition[];
  containerStatuses?: ContainerStatus[];
  [field: string]: unknown;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: PodStatus;
}

/** podutil.IsPodReady (K: pkg/api/v1/pod/util.go): the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podCondition(pod: Pod, type: string): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === type);
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** controller.IsPodActive (K: pkg/controller/controller_utils.go): not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/**
 * podutil.IsPodAvailable: ready for at least minReadySeconds, counted from the Ready condition's
 * lastTransitionTime.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  return since !== undefined && Date.parse(since) + minReadySeconds * 1000 <= now;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
