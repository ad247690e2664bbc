import type { KubeObject } from '../../kube/object.ts';
import { childApplicationHealth } from './application.ts';
import { daemonSetHealth } from './daemonset.ts';
import { deploymentHealth } from './deployment.ts';
import { ingressHealth } from './ingress.ts';
import { jobHealth } from './job.ts';
import { podHealth } from './pod.ts';
import { pvcHealth } from './pvc.ts';
import { replicaSetHealth } from './replicaset.ts';
import { serviceHealth } from './service.ts';
import { statefulSetHealth } from './statefulset.ts';
import type { HealthStatus } from './status.ts';

export type HealthCheck = (obj: KubeObject) => HealthStatus;

/**
 * Built-in checks by `group/kind`, as gitops-engine `GetHealthCheckFunc` (pkg/health/health.go) for the kinds the
 * sandbox supports. A kind not listed has no health: it is left out of the app's health and its sync task succeeds
 * as soon as it is applied. HPA, APIService and Argo Workflow checks exist upstream and are not implemented here.
 */
const CHECKS: ReadonlyMap<string, HealthCheck> = new Map([
  ['apps/Deployment', deploymentHealth],
  ['apps/StatefulSet', statefulSetHealth],
  ['apps/ReplicaSet', replicaSetHealth],
  ['apps/DaemonSet', daemonSetHealth],
  ['extensions/Ingress', ingressHealth],
  ['networking.k8s.io/Ingress', ingressHealth],
  ['/Service', serviceHealth],
  ['/PersistentVolumeClaim', pvcHealth],
  ['/Pod', podHealth],
  ['batch/Job', jobHealth],
]);

export interface HealthCheckOptions {
  /**
   * Assess child `argoproj.io/Application`s from their own status.health, like the opt-in Lua check of Argo CD's
   * health.md. Off by default, as in Argo CD ≥ 1.8.
   */
  assessChildApplications?: boolean;
}

/** The check for a group and kind, or undefined when the kind has no health. */
export function healthCheckFor(group: string, kind: string, options: HealthCheckOptions = {}): HealthCheck | undefined {
  if (group === 'argoproj.io' && kind === 'Application') {
    return options.assessChildApplications ? childApplicationHealth : undefined;
  }
  return CHECKS.get(`${group}/${kind}`);
}
