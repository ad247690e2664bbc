import type { LabelSelectorObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import type { Condition, PodTemplate } from '../replicaset/types.ts';

export type IntOrString = number | string;

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  collisionCount?: number;
  conditions?: Condition[];
}

export interface Deployment extends KubeObject {
  spec: {
    replicas?: number;
    selector: LabelSelectorObject;
    template: PodTemplate;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
  };
  status?: DeploymentStatus;
}

/** The label that keeps each revision's pods apart (apps/v1 DefaultDeploymentUniqueLabelKey). */
export const HASH_LABEL = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** progressDeadlineSeconds set and not MaxInt32 (deployment_util.go HasProgressDeadline). */
export function hasProgressDeadline(d: Deployment): boolean {
  const deadline = d.spec.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== 2147483647;
}
