import type { KubeObject } from '../../kube/object.ts';
import { parseImageReference } from '../../registry/index.ts';
import type { ClusterView } from '../recorder/cluster-view.ts';
import { at } from '../recorder/transitions/draft.ts';
import { isReadyEndpoint } from '../recorder/transitions/endpoints.ts';
import type { ProbeAnswer, ProbeTransport } from './transport.ts';

export interface SimulatedTransportOptions {
  /** The recorder's view of EndpointSlices and Pods. */
  cluster: ClusterView;
  /**
   * Whether a node is powered off. Its pods keep their Ready endpoints until the node lifecycle controller notices
   * (~40 s), exactly as kube-proxy keeps routing to them, so requests sent there fail in the meantime.
   */
  isNodeDown?: (node: string) => boolean;
  /** The container whose image tag is the version (default the first). */
  container?: string;
}

interface Endpoint {
  addresses?: string[];
  nodeName?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string };
}

/**
 * kube-proxy without packets: each request goes to the next ready endpoint of the Service (round robin over its
 * EndpointSlices); the answer is the image tag of the pod behind it. It fails with no ready endpoint, when the
 * pod is gone, or when the pod's node is down.
 */
export function simulatedTransport(options: SimulatedTransportOptions): ProbeTransport {
  const next = new Map<string, number>();
  return {
    async request(service) {
      const endpoints = options.cluster
        .endpointSlices(service)
        .flatMap((slice) => ((slice['endpoints'] as Endpoint[] | null | undefined) ?? []).filter(isReadyEndpoint))
        .sort((a, b) => address(a).localeCompare(address(b)));
      if (endpoints.length === 0) return { ok: false, reason: 'connection refused: no ready endpoint' };
      const turn = next.get(service) ?? 0;
      next.set(service, turn + 1);
      const endpoint = endpoints[turn % endpoints.length]!;
      return answer(service, endpoint, options);
    },
  };
}

function answer(service: string, endpoint: Endpoint, options: SimulatedTransportOptions): ProbeAnswer {
  const ip = address(endpoint);
  const ref = endpoint.targetRef;
  const pod =
    ref?.kind === 'Pod' && ref.name
      ? options.cluster.pod(ref.namespace ?? service.slice(0, service.indexOf('/')), ref.name)
      : undefined;
  if (!pod) return { ok: false, reason: `connection refused: no pod behind ${ip}`, endpoint: ip };
  const node = endpoint.nodeName ?? (at(pod, 'spec', 'nodeName') as string | undefined);
  if (node && options.isNodeDown?.(node)) {
    return { ok: false, reason: `timed out: ${ip} is on node ${node}, which is down`, endpoint: ip };
  }
  return { ok: true, version: versionOf(pod, options.container), endpoint: ip };
}

function address(endpoint: Endpoint): string {
  return endpoint.addresses?.[0] ?? '';
}

/** The tag of the container's image (`latest` when it names none, the digest when it names only one). */
function versionOf(pod: KubeObject, container?: string): string {
  const containers = (at(pod, 'spec', 'containers') as { name: string; image?: string }[]) ?? [];
  const image = (containers.find((c) => c.name === container) ?? containers[0])?.image ?? '';
  try {
    const parsed = parseImageReference(image);
    return parsed.tag ?? parsed.digest ?? 'latest';
  } catch {
    return image;
  }
}
