import type { KubeObject } from '../../object.ts';
import type { Pod } from './pod.ts';

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec: {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    type?: string;
    clusterIP?: string;
    publishNotReadyAddresses?: boolean;
  };
}

/** A port as EndpointSlices and Endpoints carry it, after resolving the Service's targetPort against a pod. */
export interface ResolvedPort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** Services whose endpoints are computed from pods: those with a non-empty selector, not ExternalName. */
export function selectsPods(service: Service): boolean {
  return (
    service.spec.type !== 'ExternalName' &&
    service.spec.selector !== undefined &&
    Object.keys(service.spec.selector).length > 0
  );
}

/** labels.SelectorFromSet(service.spec.selector): every key equal. */
export function serviceSelects(service: Service, labels: Record<string, string> | undefined): boolean {
  if (!selectsPods(service)) return false;
  return Object.entries(service.spec.selector!).every(([k, v]) => labels?.[k] === v);
}

/**
 * podutil.FindPort (K: pkg/api/v1/pod/util.go): a numeric targetPort (default: the port) is used as is; a named
 * one is looked up among the pod's container ports with the same protocol. Undefined when the name is not found.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const asNumber = Number(target);
  if (/^[0-9]+$/.test(target) && asNumber > 0) return asNumber;
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec.containers ?? []) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** getEndpointPorts (K: pkg/controller/util/endpointslice/utils.go): ports not found on the pod are left out. */
export function resolvePorts(service: Service, pod: Pod): ResolvedPort[] {
  const out: ResolvedPort[] = [];
  for (const sp of service.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({
      name: sp.name ?? '',
      port,
      protocol: sp.protocol ?? 'TCP',
      ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
    });
  }
  return out;
}

/**
 * ShouldPodBeInEndpoints (K: pkg/controller/util/endpoint/controller_utils.go): a pod needs an IP, must not be
 * Succeeded or Failed, and is left out while terminating unless the caller includes terminating pods.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod's hostname is published when its subdomain names this Service. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    !!pod.spec.hostname &&
    pod.spec.subdomain === service.metadata.name &&
    pod.metadata.namespace === service.metadata.namespace
  );
}

/** The labels both controllers copy from the Service, plus the headless marker (K: endpointslice utils setEndpointSliceLabels). */
export function serviceLabels(service: Service): Record<string, string> {
  const labels = { ...(service.metadata.labels ?? {}) };
  if (service.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  else delete labels['service.kubernetes.io/headless'];
  return labels;
}
