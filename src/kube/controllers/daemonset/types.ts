import type { LabelSelectorObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import type { PodTemplateSpec } from '../statefulset/types.ts';

/** apps/v1 DefaultDaemonSetUniqueLabelKey: the template hash on a DaemonSet's pods and revisions. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
/** extensions DaemonSetTemplateGenerationKey: the DaemonSet generation a pod was made from (still written in v1.32). */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * The annotation apps/v1 keeps spec.templateGeneration in (K: pkg/apis/apps/v1/conversion.go); absent when the API
 * server does not write it, and then only the hash decides whether a pod is up to date.
 */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** GetTemplateGeneration: the annotation's value, if any. */
export function templateGeneration(ds: DaemonSet): string | undefined {
  return ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
}

export interface DaemonSetSpec {
  selector: LabelSelectorObject;
  template: PodTemplateSpec;
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete';
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export interface DaemonSet extends KubeObject {
  spec: DaemonSetSpec;
  status?: DaemonSetStatus;
}

export interface Node extends KubeObject {
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean };
}
