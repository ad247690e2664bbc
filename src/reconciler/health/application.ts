import type { KubeObject } from '../../kube/object.ts';
import { field, str } from './fields.ts';
import { HEALTH_ORDER, type HealthStatus, type HealthStatusCode, health } from './status.ts';

/**
 * Health of a child Application (app of apps). Argo CD stopped assessing it in 1.8: there is no built-in check, so a
 * parent does not wait for its children unless the operator adds the Lua check documented in
 * docs/operator-manual/health.md ("Argo CD App"). This is that check: the child's own `status.health`, Progressing
 * until it has one. The table only uses it when `assessChildApplications` is set.
 */
export function childApplicationHealth(obj: KubeObject): HealthStatus {
  const status = str(obj, 'status', 'health', 'status');
  if (!field(obj, 'status', 'health') || !status) return health('Progressing');
  if (!(HEALTH_ORDER as readonly string[]).includes(status)) {
    return health('Unknown', `unknown health status ${JSON.stringify(status)}`);
  }
  return health(status as HealthStatusCode, str(obj, 'status', 'health', 'message'));
}
