import type { KubeObject } from '../../object.ts';
import { type HostPort, hostPorts } from './host-ports.ts';
import { nonZeroRequests, podRequests, type Resources } from './requests.ts';
import type { Pod } from './types.ts';

/** What the scheduler derives from a pod once per stored version (stored objects are immutable). */
export interface PodInfo {
  pod: Pod;
  requests: Resources;
  nonZero: Resources;
  ports: HostPort[];
  /** True when the pod asks for none of cpu, memory, ephemeral-storage or extended resources. */
  requestsNothing: boolean;
}

const cache = new WeakMap<KubeObject, PodInfo>();

export function podInfo(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    const requests = podRequests(pod);
    info = {
      pod,
      requests,
      nonZero: nonZeroRequests(pod),
      ports: hostPorts(pod),
      requestsNothing: Object.values(requests).every((v) => v === 0),
    };
    cache.set(pod, info);
  }
  return info;
}
