import type { KubeObject } from '../../kube/object.ts';
import { int, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** DaemonSet health, as gitops-engine `getAppsv1DaemonSetHealth` (pkg/health/health_daemonset.go). */
export function daemonSetHealth(obj: KubeObject): HealthStatus {
  if ((obj.metadata.generation ?? 0) > int(obj, 'status', 'observedGeneration')) {
    return health(
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less then desired generation',
    );
  }
  const updated = int(obj, 'status', 'updatedNumberScheduled');
  const desired = int(obj, 'status', 'desiredNumberScheduled');
  const available = int(obj, 'status', 'numberAvailable');
  if (str(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  const name = JSON.stringify(obj.metadata.name ?? '');
  if (updated < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`,
    );
  }
  if (available < desired) {
    return health(
      'Progressing',
      `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`,
    );
  }
  return health('Healthy');
}
