import type { KubeObject } from '../../kube/object.ts';
import { condition, int, optionalInt, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** ReplicaSet health, as gitops-engine `getAppsv1ReplicaSetHealth` (pkg/health/health_replicaset.go). */
export function replicaSetHealth(obj: KubeObject): HealthStatus {
  if ((obj.metadata.generation ?? 0) > int(obj, 'status', 'observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed replica set generation less then desired generation',
    );
  }
  const failure = condition(obj, 'ReplicaFailure');
  if (failure && failure['status'] === 'True') return health('Degraded', str(failure, 'message'));
  const replicas = optionalInt(obj, 'spec', 'replicas');
  const available = int(obj, 'status', 'availableReplicas');
  if (replicas !== undefined && available < replicas) {
    return health(
      'Progressing',
      `Waiting for rollout to finish: ${available} out of ${replicas} new replicas are available...`,
    );
  }
  return health('Healthy');
}
