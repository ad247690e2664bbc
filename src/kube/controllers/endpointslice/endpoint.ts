import type { KubeObject } from '../../object.ts';
import { isPodReady, type Pod } from './pod.ts';
import { type ResolvedPort, type Service, shouldSetHostname } from './service.ts';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** discovery/v1 Endpoint. */
export interface Endpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
  nodeName?: string;
  zone?: string;
}

/** Endpoints sharing one set of ports: they go into the same slices. */
export interface EndpointGroup {
  key: string;
  ports: ResolvedPort[];
  endpoints: Map<string, Endpoint>;
}

/** A stable key for a port set, whatever the order in the Service (the real controller hashes them sorted). */
export function portsKey(ports: readonly ResolvedPort[]): string {
  return JSON.stringify(
    [...ports]
      .map((p) => [p.name, p.protocol, p.port, p.appProtocol ?? ''])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
}

/**
 * podToEndpoint (K: pkg/controller/util/endpointslice/utils.go; digest §7): serving = pod Ready (or the Service
 * publishes not-ready addresses), terminating = deletionTimestamp set, ready = serving and not terminating — except
 * that publishNotReadyAddresses makes every endpoint ready.
 */
export function podToEndpoint(pod: Pod, service: Service, node: KubeObject | undefined): Endpoint {
  const publish = service.spec.publishNotReadyAddresses === true;
  const serving = publish || isPodReady(pod);
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const ready = publish || (serving && !terminating);
  const endpoint: Endpoint = {
    addresses: [pod.status!.podIP!],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
  };
  if (shouldSetHostname(pod, service)) endpoint.hostname = pod.spec.hostname!;
  if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) endpoint.zone = zone;
  return endpoint;
}
