import { isPlainObject, type KubeObject } from '../../kube/object.ts';
import { list, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/**
 * Job health, as gitops-engine `getBatchv1JobHealth` (gitops-engine/pkg/health/health_job.go in argo-cd 3.x). Any
 * Failed, Complete or Suspended condition ends "progress" (whatever its status, as gitops-engine reads it); Failed
 * wins, then a Suspended condition that is True. A suspended Job aggregates as Healthy so it does not hold the app.
 */
export function jobHealth(obj: KubeObject): HealthStatus {
  let failed = false;
  let complete = false;
  let suspended = false;
  let failMessage = '';
  let message = '';
  for (const c of list(obj, 'status', 'conditions')) {
    if (!isPlainObject(c)) continue;
    switch (c['type']) {
      case 'Failed':
        failed = true;
        complete = true;
        failMessage = str(c, 'message');
        break;
      case 'Complete':
        complete = true;
        message = str(c, 'message');
        break;
      case 'Suspended':
        complete = true;
        message = str(c, 'message');
        if (c['status'] === 'True') suspended = true;
        break;
    }
  }
  if (!complete) return health('Progressing', message);
  if (failed) return health('Degraded', failMessage);
  // gitops-engine reports failMsg (always empty here) for a suspended Job.
  if (suspended) return { ...health('Suspended'), aggregateAs: 'Healthy' };
  return health('Healthy', message);
}
