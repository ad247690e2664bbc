import type { KubeObject } from '../../kube/object.ts';
import { list, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** Service health (health_service.go): only a LoadBalancer waits, until it has an ingress point. */
export function serviceHealth(obj: KubeObject): HealthStatus {
  if (str(obj, 'spec', 'type') === 'LoadBalancer' && list(obj, 'status', 'loadBalancer', 'ingress').length === 0) {
    return health('Progressing');
  }
  return health('Healthy');
}
