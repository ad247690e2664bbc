/**
 * Health status codes ordered from most to least healthy, as gitops-engine's `healthOrder`
 * (argoproj/argo-cd gitops-engine/pkg/health/health.go). The order drives `isWorse` and therefore the app's health.
 */
export const HEALTH_ORDER = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'] as const;

export type HealthStatusCode = (typeof HEALTH_ORDER)[number];

export interface HealthStatus {
  status: HealthStatusCode;
  /** Omitted when gitops-engine writes an empty message. */
  message?: string;
  /**
   * The status used when aggregating into the app's health, if it differs from `status`. gitops-engine sets it for
   * suspended Jobs ("Suspended Jobs should not affect Application health", health_job.go).
   */
  aggregateAs?: HealthStatusCode;
}

/** True when `next` is a worse condition than `current` (gitops-engine `IsWorse`). */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

/** A status with a message only when there is one, so results compare equal to gitops-engine's JSON. */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
