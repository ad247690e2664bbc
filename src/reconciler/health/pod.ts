import { isPlainObject, type KubeObject } from '../../kube/object.ts';
import { condition, field, int, list, str } from './fields.ts';
import { type HealthStatus, health } from './status.ts';

/** A waiting reason that means the container cannot start: `Err*`, `*Error`, `*BackOff` (health_pod.go). */
function isErrorReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

/** The message gitops-engine reports for a failed container: its own message, OOMKilled, or the exit code. */
function failMessage(status: unknown): string {
  const terminated = field(status, 'state', 'terminated');
  if (!isPlainObject(terminated)) return '';
  if (str(terminated, 'message')) return str(terminated, 'message');
  if (str(terminated, 'reason') === 'OOMKilled') return 'OOMKilled';
  const exitCode = int(terminated, 'exitCode');
  if (exitCode !== 0) return `container ${JSON.stringify(str(status, 'name'))} failed with exit code ${exitCode}`;
  return '';
}

/**
 * Pod health, as gitops-engine `getCorev1PodHealth` (pkg/health/health_pod.go). Only restartPolicy Always pods are
 * Degraded by a waiting error: hook pods (Never/OnFailure) must not fail a PreSync/PostSync hook on a transient
 * ImagePullBackOff. An absent restartPolicy is Always, the API server's default.
 */
export function podHealth(obj: KubeObject): HealthStatus {
  const restartPolicy = str(obj, 'spec', 'restartPolicy') || 'Always';
  const message = str(obj, 'status', 'message');
  const containers = list(obj, 'status', 'containerStatuses');
  if (restartPolicy === 'Always') {
    const errors = containers
      .map((c) => field(c, 'state', 'waiting'))
      .filter((waiting) => isPlainObject(waiting) && isErrorReason(str(waiting, 'reason')))
      .map((waiting) => str(waiting, 'message'));
    if (errors.length > 0) return health('Degraded', errors.join(', '));
  }
  switch (str(obj, 'status', 'phase')) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed': {
      if (message) return health('Degraded', message);
      for (const c of [...list(obj, 'status', 'initContainerStatuses'), ...containers]) {
        const failed = failMessage(c);
        if (failed) return health('Degraded', failed);
      }
      return health('Degraded');
    }
    case 'Running': {
      if (restartPolicy === 'Always') {
        if (condition(obj, 'Ready')?.['status'] === 'True') return health('Healthy', message);
        // Not ready after a container terminated before: a crash loop between back-offs.
        if (containers.some((c) => isPlainObject(field(c, 'lastState', 'terminated')))) {
          return health('Degraded', message);
        }
        return health('Progressing', message);
      }
      if (restartPolicy === 'OnFailure' || restartPolicy === 'Never') {
        // Finite pods are typically hooks: Progressing until they succeed, never Healthy while running.
        return health('Progressing', message);
      }
      break;
    }
  }
  return health('Unknown', message);
}
