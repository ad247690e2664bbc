import type { KubeObject } from '../../kube/object.ts';
import { list } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** Ingress health (health_ingress.go): Progressing until the controller publishes `status.loadBalancer.ingress`. */
export function ingressHealth(obj: KubeObject): HealthStatus {
  return health(list(obj, 'status', 'loadBalancer', 'ingress').length > 0 ? 'Healthy' : 'Progressing');
}
