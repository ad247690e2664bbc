import type { KubeObject } from '../../kube/object.ts';
import { condition, field, int, optionalInt, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/**
 * Deployment health, as gitops-engine `getAppsv1DeploymentHealth` (pkg/health/health_deployment.go), itself borrowed
 * from kubectl's rollout status. Messages are gitops-engine's, word for word ("less then" included).
 */
export function deploymentHealth(obj: KubeObject): HealthStatus {
  if (field(obj, 'spec', 'paused') === true) {
    return health('Suspended', 'Deployment is paused');
  }
  const generation = obj.metadata.generation ?? 0;
  if (generation > int(obj, 'status', 'observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less then desired generation',
    );
  }
  if (str(condition(obj, 'Progressing'), 'reason') === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment ${JSON.stringify(obj.metadata.name ?? '')} exceeded its progress deadline`);
  }
  const replicas = optionalInt(obj, 'spec', 'replicas');
  const updated = int(obj, 'status', 'updatedReplicas');
  const current = int(obj, 'status', 'replicas');
  const available = int(obj, 'status', 'availableReplicas');
  if (replicas !== undefined && updated < replicas) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
    );
  }
  if (current > updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${current - updated} old replicas are pending termination...`,
    );
  }
  if (available < updated) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`,
    );
  }
  return health('Healthy');
}
