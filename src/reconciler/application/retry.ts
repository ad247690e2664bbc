import { parseDuration } from './duration.ts';
import type { RetryStrategy } from './types.ts';

/** Argo CD's defaults (application_defaults.go): 5s, factor 2, capped at 3m. */
export const DEFAULT_RETRY_DURATION_MS = 5_000;
export const DEFAULT_RETRY_FACTOR = 2;
export const DEFAULT_RETRY_MAX_DURATION_MS = 180_000;
/** Automated syncs without a retry strategy get limit 5 (controller/appcontroller.go `autoSync`). */
export const AUTOMATED_RETRY_LIMIT = 5;

/**
 * How long to wait before retry number `retryCount` + 1 of a failed sync, in ms — argo-cd `RetryStrategy.NextRetryAt`:
 * duration × factor^retryCount, capped at maxDuration when that is positive. The first retry (retryCount 0) waits
 * `duration`; with the defaults: 5, 10, 20, 40, 80, 160, 180, 180 … seconds.
 */
export function retryDelay(retry: RetryStrategy | undefined, retryCount: number): number {
  const backoff = retry?.backoff;
  const duration = backoff?.duration
    ? parseDuration(backoff.duration, 'retry.backoff.duration')
    : DEFAULT_RETRY_DURATION_MS;
  const max = backoff?.maxDuration
    ? parseDuration(backoff.maxDuration, 'retry.backoff.maxDuration')
    : DEFAULT_RETRY_MAX_DURATION_MS;
  const factor = backoff?.factor ?? DEFAULT_RETRY_FACTOR;
  const wait = duration * factor ** retryCount;
  return max > 0 ? Math.min(max, wait) : wait;
}

/** Whether a failed (Failed or Error) operation that was retried `retryCount` times is retried again. */
export function retryAllowed(retry: RetryStrategy | undefined, retryCount: number): boolean {
  const limit = retry?.limit ?? 0;
  return limit < 0 || retryCount < limit;
}
