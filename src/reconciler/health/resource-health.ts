import { messageOf } from '../../errors.ts';
import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import { hasHookFinalizer } from '../sync/plan/hooks.ts';
import { type HealthStatus, health } from './status.ts';
import { type HealthCheckOptions, healthCheckFor } from './table.ts';

/**
 * The health of one live object, or undefined when its kind has no check (gitops-engine `GetResourceHealth`).
 * An object being deleted is Progressing "Pending deletion" — except a hook still held by the hook finalizer, whose
 * outcome the sync must still read. A check that throws yields Unknown with the error as message.
 */
export function resourceHealth(obj: KubeObject, options: HealthCheckOptions = {}): HealthStatus | undefined {
  if (obj.metadata.deletionTimestamp && !hasHookFinalizer(obj)) return health('Progressing', 'Pending deletion');
  const check = healthCheckFor(parseApiVersion(obj.apiVersion).group, obj.kind, options);
  if (!check) return undefined;
  try {
    return check(obj);
  } catch (error) {
    return health('Unknown', messageOf(error));
  }
}
