import type { KubeObject } from '../../kube/object.ts';
import { str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** PersistentVolumeClaim health from its phase (health_pvc.go); any other phase is Unknown. */
export function pvcHealth(obj: KubeObject): HealthStatus {
  switch (str(obj, 'status', 'phase')) {
    case 'Bound':
      return health('Healthy');
    case 'Pending':
      return health('Progressing');
    case 'Lost':
      return health('Degraded');
    default:
      return health('Unknown');
  }
}
