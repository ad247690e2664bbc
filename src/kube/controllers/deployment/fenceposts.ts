import type { Deployment, IntOrString } from './types.ts';
import { desiredReplicas, isRollingUpdate } from './types.ts';

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded up or down.
 * Validation already refused anything else; a malformed value throws.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage: ${value}`);
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * maxSurge rounds up, maxUnavailable down; if both come to 0, maxUnavailable becomes 1 so a rollout can move
 * (K: deployment_util.go ResolveFenceposts). Defaults 25%/25% come from the API server's defaulting.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** deployment_util.go MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const r = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(r?.maxSurge, r?.maxUnavailable, desiredReplicas(d)).surge;
}

/** deployment_util.go MaxUnavailable: 0 for Recreate or 0 replicas, never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const r = d.spec.strategy?.rollingUpdate;
  return Math.min(desired, resolveFenceposts(r?.maxSurge, r?.maxUnavailable, desired).unavailable);
}
