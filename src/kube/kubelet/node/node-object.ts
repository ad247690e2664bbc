import type { Random } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import { ZONE_LABEL } from '../conventions.ts';
import { CONTAINER_RUNTIME_VERSION, KERNEL_VERSION, KUBELET_VERSION, MAX_PODS, OS_IMAGE } from '../defaults.ts';
import { healthyConditions } from './node-conditions.ts';
import type { Taint } from './node-types.ts';

export const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

/**
 * A kind node's resources. Kind reports the host machine's; we pick a modest laptop. Allocatable equals capacity
 * because kind's kubelet config sets every evictionHard threshold to 0% and reserves nothing.
 */
export const DEFAULT_CAPACITY: Record<string, string> = {
  cpu: '8',
  'ephemeral-storage': '104857600Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16777216Ki',
  pods: String(MAX_PODS),
};

export interface NodeShape {
  nodeName: string;
  podCidr: string;
  internalIP: string;
  controlPlane: boolean;
  zone: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  capacity?: Record<string, string>;
  now: number;
  random: Random;
}

/** The Node a kubelet registers (K: pkg/kubelet/kubelet_node_status.go initialNode + the first status sync). */
export function registrationNode(shape: NodeShape): KubeObject {
  const { nodeName, controlPlane } = shape;
  const capacity = { ...DEFAULT_CAPACITY, ...shape.capacity };
  const taints: Taint[] = [...(shape.taints ?? [])];
  // kubeadm taints the control plane so ordinary workloads stay off it.
  if (controlPlane && !taints.some((t) => t.key === CONTROL_PLANE_ROLE)) {
    taints.push({ key: CONTROL_PLANE_ROLE, effect: 'NoSchedule' });
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        [ZONE_LABEL]: shape.zone,
        ...(controlPlane
          ? { [CONTROL_PLANE_ROLE]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' }
          : {}),
        ...shape.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      // Set by kube-controller-manager's node IPAM in kind; registered here since the sandbox has no IPAM controller.
      podCIDR: shape.podCidr,
      podCIDRs: [shape.podCidr],
      providerID: `kind://docker/gitops-sandbox/${nodeName}`,
      ...(taints.length > 0 ? { taints } : {}),
    },
    status: {
      capacity,
      allocatable: { ...capacity },
      conditions: healthyConditions(undefined, shape.now),
      addresses: [
        { type: 'InternalIP', address: shape.internalIP },
        { type: 'Hostname', address: nodeName },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: shape.random.uuid(),
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: '',
        kubeletVersion: KUBELET_VERSION,
        machineID: shape.random.uuid().replaceAll('-', ''),
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: shape.random.uuid(),
      },
    },
  };
}

/** The node's Lease in kube-node-lease, owned by the Node so it goes with it (K: pkg/kubelet/nodelease). */
export function nodeLease(node: KubeObject, durationSeconds: number, renewTime: string): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.metadata.name!,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid! }],
    },
    spec: { holderIdentity: node.metadata.name!, leaseDurationSeconds: durationSeconds, renewTime },
  };
}
