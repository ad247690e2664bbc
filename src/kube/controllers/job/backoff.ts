import type { Pod } from '../endpointslice/pod.ts';
import { finishedTime } from './job-types.ts';

/**
 * DefaultJobPodFailureBackOff 10 s and MaxJobPodFailureBackOff (K: pkg/controller/job/job_controller.go). The code
 * caps at 10 minutes, while the Job concept page (W: concepts/workloads/controllers/job.md) still says six minutes;
 * we follow the code and make both configurable.
 */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/**
 * newBackoffRecord (K: pkg/controller/job/backoff_utils.go): failures since the last success, and when the last one
 * finished. A new success resets the count to the failures that finished after it.
 */
export function nextBackoffRecord(
  previous: BackoffRecord,
  succeeded: Pod[],
  failed: Pod[],
  now: number,
): BackoffRecord {
  if (succeeded.length === 0 && failed.length === 0) return previous;
  const failTimes = failed.map((p) => finishedTime(p, now)).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    return {
      failuresAfterLastSuccess: previous.failuresAfterLastSuccess + failed.length,
      lastFailureTime: failTimes.at(-1)!,
    };
  }
  const lastSuccess = Math.max(...succeeded.map((p) => finishedTime(p, now)));
  const after = failTimes.filter((t) => t > lastSuccess);
  return after.length === 0
    ? { failuresAfterLastSuccess: 0 }
    : { failuresAfterLastSuccess: after.length, lastFailureTime: after.at(-1)! };
}

/** getRemainingTime: base × 2^(failures−1), capped, minus the time since the last failure. */
export function remainingBackoffMs(record: BackoffRecord, now: number, baseMs: number, maxMs: number): number {
  if (record.failuresAfterLastSuccess === 0 || record.lastFailureTime === undefined) return 0;
  const backoff = Math.min(maxMs, baseMs * 2 ** (record.failuresAfterLastSuccess - 1));
  return Math.max(0, backoff - (now - record.lastFailureTime));
}
