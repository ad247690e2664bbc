import type { LabelSelectorObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import type { PodSpec } from '../endpointslice/pod.ts';

/** Labels the StatefulSet controller writes on its pods (K: staging/src/k8s.io/api/apps/v1/types.go). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** PodIndexLabel, beta and on by default since v1.28 (K: pkg/controller/statefulset/stateful_set_utils.go). */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** apps/v1 ControllerRevisionHashLabelKey: on StatefulSet pods its value is the whole revision name. */
export const REVISION_LABEL = 'controller-revision-hash';

export interface PodTemplateSpec {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface ClaimTemplate {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

export interface StatefulSetSpec {
  replicas?: number;
  selector: LabelSelectorObject;
  serviceName?: string;
  template: PodTemplateSpec;
  volumeClaimTemplates?: ClaimTemplate[];
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { partition?: number; maxUnavailable?: number | string };
  };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  ordinals?: { start?: number };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
}

export interface StatefulSet extends KubeObject {
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export interface ControllerRevision extends KubeObject {
  data: unknown;
  revision: number;
}
