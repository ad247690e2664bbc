import type { KubeObject } from '../../../kube/object.ts';
import { resourceHealth } from '../../health/index.ts';
import type { OperationPhase } from './types.ts';

/**
 * The operation phase of a hook from its live object's health (gitops-engine `getOperationPhase`): Healthy →
 * Succeeded; Progressing or Suspended → Running; Degraded or Unknown → Failed; a kind without health has Succeeded
 * once it exists ("<name> created").
 */
export function hookPhaseOf(live: KubeObject): { phase: OperationPhase; message: string } {
  const health = resourceHealth(live);
  if (!health) return { phase: 'Succeeded', message: `${live.metadata.name ?? ''} created` };
  const message = health.message ?? '';
  switch (health.status) {
    case 'Healthy':
      return { phase: 'Succeeded', message };
    case 'Progressing':
    case 'Suspended':
      return { phase: 'Running', message };
    default:
      return { phase: 'Failed', message };
  }
}

/**
 * The phase a running non-hook task moves to (gitops-engine `Sync`): Succeeded when its kind has no health or it is
 * Healthy, Failed when Degraded, otherwise still Running (undefined).
 */
export function resourcePhaseOf(live: KubeObject): { phase: OperationPhase; message?: string } | undefined {
  const health = resourceHealth(live);
  if (!health) return { phase: 'Succeeded' };
  if (health.status === 'Healthy')
    return { phase: 'Succeeded', ...(health.message ? { message: health.message } : {}) };
  if (health.status === 'Degraded') return { phase: 'Failed', ...(health.message ? { message: health.message } : {}) };
  return undefined;
}
