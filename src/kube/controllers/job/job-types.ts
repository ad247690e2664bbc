import { formatTime } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import type { Pod, PodSpec } from '../endpointslice/pod.ts';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

export interface JobCondition {
  type: 'Complete' | 'Failed' | 'FailureTarget' | 'SuccessCriteriaMet' | 'Suspended';
  status: 'True' | 'False';
  reason?: string;
  message?: string;
  lastProbeTime: string;
  lastTransitionTime: string;
}

export interface JobStatus {
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  conditions?: JobCondition[];
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    suspend?: boolean;
    podReplacementPolicy?: string;
    template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
  };
  status?: JobStatus;
}

export function newCondition(type: JobCondition['type'], reason: string, message: string, now: number): JobCondition {
  const at = formatTime(now);
  return {
    type,
    status: 'True',
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastProbeTime: at,
    lastTransitionTime: at,
  };
}

export function findCondition(job: Job, type: JobCondition['type']): JobCondition | undefined {
  return job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
}

/** util.IsJobFinished: a Complete or Failed condition is True. */
export function isJobFinished(job: Job): boolean {
  return findCondition(job, 'Complete') !== undefined || findCondition(job, 'Failed') !== undefined;
}

/**
 * isPodFailed (K: pkg/controller/job/job_controller.go): Failed, or — with the default podReplacementPolicy
 * TerminatingOrFailed — deleted before it succeeded (an orphan that never reaches Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec.podReplacementPolicy === 'Failed') return false;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/**
 * getFinishedTime (K: job_controller.go): the latest container finishedAt, else when Ready turned False, else when
 * the pod was deleted, else now.
 */
export function finishedTime(pod: Pod, now: number): number {
  let latest = 0;
  for (const s of pod.status?.containerStatuses ?? []) {
    const at = s.state?.terminated?.finishedAt;
    if (at) latest = Math.max(latest, Date.parse(at));
  }
  if (latest > 0) return latest;
  const notReady = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  if (notReady?.lastTransitionTime) return Date.parse(notReady.lastTransitionTime);
  return pod.metadata.deletionTimestamp ? Date.parse(pod.metadata.deletionTimestamp) : now;
}
