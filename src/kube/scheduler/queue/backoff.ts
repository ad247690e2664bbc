/**
 * Per-pod back-off after a failed attempt (K: pkg/scheduler/backend/queue calculateBackoffDuration with the
 * defaults podInitialBackoffSeconds = 1 and podMaxBackoffSeconds = 10): 1 s, 2 s, 4 s, 8 s, then 10 s.
 */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;

export function backoffMs(attempts: number): number {
  let duration = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    duration *= 2;
    if (duration > MAX_BACKOFF_MS) return MAX_BACKOFF_MS;
  }
  return duration;
}
