import { portsKey } from '../endpointslice/endpoint.ts';
import { isPodReady, type Pod } from '../endpointslice/pod.ts';
import {
  type ResolvedPort,
  resolvePorts,
  type Service,
  shouldPodBeInEndpoints,
  shouldSetHostname,
} from '../endpointslice/service.ts';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: ResolvedPort[];
}

/** kube-controller-manager truncates Endpoints at 1000 addresses (K: pkg/controller/endpoint, maxCapacity). */
export const MAX_CAPACITY = 1000;

/**
 * The subsets of a Service's legacy Endpoints (K: pkg/controller/endpoint/endpoints_controller.go syncService and
 * pkg/api/v1/endpoints RepackSubsets): terminating pods are left out unless publishNotReadyAddresses; ready pods (or
 * all, with publishNotReadyAddresses) go to `addresses`, the others to `notReadyAddresses`; addresses with the same
 * resolved ports share a subset, sorted by IP. Returns the subsets and whether they were truncated.
 */
export function buildSubsets(service: Service, pods: Pod[]): { subsets: EndpointSubset[]; truncated: boolean } {
  const publish = service.spec.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: ResolvedPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  let count = 0;
  let truncated = false;
  for (const pod of [...pods].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))) {
    if (!shouldPodBeInEndpoints(pod, publish) || pod.status!.podIP!.includes(':')) continue;
    if (count >= MAX_CAPACITY) {
      truncated = true;
      break;
    }
    count++;
    const ports = resolvePorts(service, pod);
    const key = portsKey(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    const address: EndpointAddress = {
      ip: pod.status!.podIP!,
      ...(shouldSetHostname(pod, service) ? { hostname: pod.spec.hostname! } : {}),
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    };
    (publish || isPodReady(pod) ? group.ready : group.notReady).push(address);
  }
  const byIp = (a: EndpointAddress, b: EndpointAddress) => a.ip.localeCompare(b.ip, 'en', { numeric: true });
  const subsets = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, g]) => ({
      ...(g.ready.length > 0 ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length > 0 ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length > 0 ? { ports: g.ports } : {}),
    }));
  return { subsets, truncated };
}
