import type { StatefulSet } from './types.ts';

/**
 * getStatefulSetMaxUnavailable (K: pkg/controller/statefulset/stateful_set_utils.go): an integer or a percentage of
 * the replicas rounded up; 0 (or unset) means 1, so an update always makes progress.
 */
export function maxUnavailableOf(set: StatefulSet, replicas: number): number {
  const value = set.spec.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
  const scaled =
    typeof value === 'number'
      ? value
      : /^\d+%$/.test(value)
        ? Math.ceil((Number.parseInt(value, 10) * replicas) / 100)
        : 1;
  return Math.max(1, scaled);
}
