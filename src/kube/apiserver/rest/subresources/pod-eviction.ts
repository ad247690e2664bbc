import { rfc3339 } from '../../../../clock/index.ts';
import type { KubeObject } from '../../../object.ts';
import { ApiError } from '../../api-error.ts';
import type { ResourceType } from '../../resources/resource-type.ts';
import type { ApiContext } from '../api-context.ts';
import { deleteObject } from '../delete.ts';
import { labelSelectorMatches } from '../filter.ts';
import { deleteOptions } from '../options.ts';
import { current } from '../update.ts';

/**
 * POST pods/{name}/eviction (policy/v1 Eviction), what `kubectl drain` uses: refused with 429 while a matching
 * PodDisruptionBudget allows no disruption (K: pkg/registry/core/pod/storage/eviction.go), else a delete.
 */
export function evictPod(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string,
  name: string,
  body: unknown,
): Record<string, unknown> {
  const pod = current(ctx, type, namespace, name);
  const phase = (pod['status'] as { phase?: string } | undefined)?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp) {
    for (const budget of ctx.store.list('policy/poddisruptionbudgets', namespace)) {
      if (!selects(budget, pod)) continue;
      const status = (budget['status'] ?? {}) as {
        disruptionsAllowed?: number;
        desiredHealthy?: number;
        currentHealthy?: number;
      };
      if ((status.disruptionsAllowed ?? 0) < 1) {
        throw new ApiError(
          429,
          'TooManyRequests',
          "Cannot evict pod as it would violate the pod's disruption budget.",
          {
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${budget.metadata.name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`,
              },
            ],
          },
        );
      }
      // Spend the disruption at once, so two quick evictions cannot both pass before the controller recomputes.
      const disruptedPods = {
        ...((budget['status'] as { disruptedPods?: Record<string, string> })?.disruptedPods ?? {}),
        [name]: rfc3339(ctx.clock),
      };
      ctx.store.put('policy/poddisruptionbudgets', {
        ...budget,
        status: { ...status, disruptionsAllowed: (status.disruptionsAllowed ?? 1) - 1, disruptedPods },
      });
    }
  }
  const eviction = (body ?? {}) as { deleteOptions?: unknown };
  deleteObject(ctx, type, namespace, name, deleteOptions(new URLSearchParams(), eviction.deleteOptions));
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}

function selects(budget: KubeObject, pod: KubeObject): boolean {
  const selector = (budget['spec'] as { selector?: Record<string, unknown> } | undefined)?.selector;
  return selector !== undefined && labelSelectorMatches(selector, pod.metadata.labels);
}
