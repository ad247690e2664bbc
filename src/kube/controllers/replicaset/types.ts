import type { LabelSelectorObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';

/** The parts of apps/v1 and core/v1 objects these controllers read; everything else is carried along untouched. */
export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec?: Record<string, unknown>;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface ReplicaSet extends KubeObject {
  spec: {
    replicas?: number;
    minReadySeconds?: number;
    selector: LabelSelectorObject;
    template: PodTemplate;
  };
  status?: ReplicaSetStatus;
}

export interface ContainerStatus {
  name?: string;
  restartCount?: number;
}

export interface Pod extends KubeObject {
  spec: {
    nodeName?: string;
    initContainers?: { name: string; restartPolicy?: string }[];
    [field: string]: unknown;
  };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export function replicasOf(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

/** "namespace/name", the work-queue key client-go's MetaNamespaceKeyFunc builds. */
export function keyFor(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** Milliseconds of an RFC 3339 timestamp; 0 when missing (Go's zero time sorts first). */
export function timeOf(timestamp: string | undefined): number {
  if (!timestamp) return 0;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? 0 : ms;
}
