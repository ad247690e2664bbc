import { formatTime } from '../../../clock/index.ts';
import { jsonEqual } from '../../../json/json-equal.ts';
import { clone, isPodActive, isPodReady, type Pod } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import {
  type BackoffRecord,
  DEFAULT_POD_FAILURE_BACKOFF_MS,
  MAX_POD_FAILURE_BACKOFF_MS,
  nextBackoffRecord,
  remainingBackoffMs,
} from './backoff.ts';
import {
  findCondition,
  hasTrackingFinalizer,
  isJobFinished,
  isPodFailed,
  JOB_TRACKING_FINALIZER,
  type Job,
  type JobCondition,
  newCondition,
} from './job-types.ts';

const MANAGER = 'job-controller';
const SOURCE = { component: 'job-controller' };
/** syncJobBatchPeriod: pod changes are batched for 1 s before the Job syncs (K: job_controller.go). */
const POD_BATCH_MS = 1_000;

export interface JobControllerOptions {
  podFailureBackoffMs?: number;
  maxPodFailureBackoffMs?: number;
}

/**
 * The Job controller as v1.31–1.32 runs it (K: pkg/controller/job/job_controller.go, NonIndexed completion mode):
 * pods made from the template carry the batch.kubernetes.io/job-tracking finalizer; finished pods are first recorded
 * in status.uncountedTerminatedPods, then lose the finalizer, then move into succeeded/failed. Success first adds
 * SuccessCriteriaMet, failure (failed > backoffLimit, or activeDeadlineSeconds passed) FailureTarget and deletes the
 * active pods; the terminal Complete (with completionTime) or Failed condition follows once no pod is uncounted or
 * terminating (delayTerminalCondition, on since JobPodReplacementPolicy is beta). Replacements for failed pods wait
 * out an exponential back-off. Events: SuccessfulCreate, SuccessfulDelete, Completed, BackoffLimitExceeded,
 * DeadlineExceeded. Not implemented: Indexed mode, podFailurePolicy, successPolicy, backoffLimitPerIndex,
 * OnFailure restart counting, managedBy, suspend's Suspended condition beyond stopping pods.
 */
export function startJobController(ctx: ControllerContext, options: JobControllerOptions = {}): void {
  const { api, clock, signal, events } = ctx;
  const baseBackoff = options.podFailureBackoffMs ?? DEFAULT_POD_FAILURE_BACKOFF_MS;
  const maxBackoff = options.maxPodFailureBackoffMs ?? MAX_POD_FAILURE_BACKOFF_MS;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const jobs = new Informer<Job>(api, 'batch/v1', 'Job').addIndex('uid', (j) => [j.metadata.uid!]);
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('owner', byControllerUid);
  const backoffs = new Map<string, BackoffRecord>();
  const batched = new Set<string>();

  const enqueueJob = (j: Job) => queue.add(keyOf(j.metadata.namespace, j.metadata.name!));
  const enqueueForPod = (p: Pod) => {
    const owner = p.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Job');
    const job = owner && jobs.byIndex('uid', owner.uid)[0];
    if (!job) return;
    const key = keyOf(job.metadata.namespace, job.metadata.name!);
    if (batched.has(key)) return;
    batched.add(key);
    clock.setTimer(
      POD_BATCH_MS,
      () => {
        batched.delete(key);
        queue.add(key);
      },
      signal,
    );
  };
  jobs.on({ added: enqueueJob, updated: (_o, j) => enqueueJob(j) });
  pods.on({ added: enqueueForPod, updated: (_o, p) => enqueueForPod(p), deleted: enqueueForPod });
  jobs.start(signal);
  pods.start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const stored = jobs.get(namespace, name);
    if (!stored) {
      backoffs.delete(key);
      return;
    }
    const owned = pods.byIndex('owner', stored.metadata.uid!);
    if (isJobFinished(stored)) {
      backoffs.delete(key);
      for (const pod of owned) if (hasTrackingFinalizer(pod)) removeFinalizer(pod);
      return;
    }
    const job = clone(stored);
    job.status ??= {};
    const status = job.status;
    const uncounted = {
      succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])],
      failed: [...(status.uncountedTerminatedPods?.failed ?? [])],
    };
    const now = clock.now();
    let active = owned.filter(isPodActive);
    let terminating = owned.filter((p) => p.metadata.deletionTimestamp && !isTerminalPhase(p)).length;
    const tracked = owned.filter(hasTrackingFinalizer);
    const newSucceeded = tracked.filter(
      (p) => p.status?.phase === 'Succeeded' && !uncounted.succeeded.includes(p.metadata.uid!),
    );
    const newFailed = tracked.filter(
      (p) => p.status?.phase !== 'Succeeded' && isPodFailed(p, job) && !uncounted.failed.includes(p.metadata.uid!),
    );
    const succeeded = (status.succeeded ?? 0) + newSucceeded.length + uncounted.succeeded.length;
    const failed = (status.failed ?? 0) + newFailed.length + uncounted.failed.length;
    const suspended = job.spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = formatTime(now);
    const backoff = nextBackoffRecord(
      backoffs.get(key) ?? { failuresAfterLastSuccess: 0 },
      newSucceeded,
      newFailed,
      now,
    );
    backoffs.set(key, backoff);

    let finished: JobCondition | undefined = findCondition(job, 'SuccessCriteriaMet');
    if (!finished) {
      const target = findCondition(job, 'FailureTarget');
      if (target) finished = target;
      else if (failed > (job.spec.backoffLimit ?? 6)) {
        finished = newCondition(
          'FailureTarget',
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          now,
        );
      } else if (pastDeadline(job, now)) {
        finished = newCondition(
          'FailureTarget',
          'DeadlineExceeded',
          'Job was active longer than specified deadline',
          now,
        );
      } else if (job.spec.activeDeadlineSeconds !== undefined && !suspended && status.startTime) {
        queue.addAfter(key, Date.parse(status.startTime) + job.spec.activeDeadlineSeconds * 1000 - now);
      }
    }

    if (finished) {
      for (const pod of active) deletePod(job, pod);
      terminating += active.length;
      active = [];
    } else {
      active = manageJob(job, key, active, succeeded, backoff, now);
      const complete =
        job.spec.completions === null || job.spec.completions === undefined
          ? succeeded > 0 && active.length === 0
          : succeeded >= job.spec.completions && active.length === 0;
      if (complete) finished = newCondition('SuccessCriteriaMet', '', '', now);
    }
    status.active = active.length;
    status.ready = active.filter(isPodReady).length;
    status.terminating = terminating;
    trackStatus(stored, job, { tracked, uncounted, finished, terminating, now });
  }

  /** manageJob: create or delete pods so that the right number is active. */
  function manageJob(
    job: Job,
    key: string,
    active: Pod[],
    succeeded: number,
    backoff: BackoffRecord,
    now: number,
  ): Pod[] {
    const parallelism = job.spec.parallelism ?? 1;
    let want: number;
    if (job.spec.suspend) want = 0;
    else if (job.spec.completions === null || job.spec.completions === undefined) {
      want = succeeded > 0 ? Math.min(active.length, parallelism) : parallelism;
    } else want = Math.max(0, Math.min(parallelism, job.spec.completions - succeeded));
    if (active.length > want) {
      const excess = [...active]
        .sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)))
        .slice(0, active.length - want);
      for (const pod of excess) deletePod(job, pod);
      return active.filter((p) => !excess.includes(p));
    }
    if (active.length === want) return active;
    const wait = remainingBackoffMs(backoff, now, baseBackoff, maxBackoff);
    if (wait > 0) {
      queue.addAfter(key, wait);
      return active;
    }
    const created = [...active];
    for (let i = active.length; i < want; i++) created.push(createPod(job));
    return created;
  }

  function trackStatus(
    stored: Job,
    job: Job,
    state: {
      tracked: Pod[];
      uncounted: { succeeded: string[]; failed: string[] };
      finished: JobCondition | undefined;
      terminating: number;
      now: number;
    },
  ): void {
    const status = job.status!;
    const { uncounted, now } = state;
    let finished = state.finished;
    const toRelease: Pod[] = [];
    for (const pod of state.tracked) {
      const failedPod = isPodFailed(pod, job);
      const succeededPod = pod.status?.phase === 'Succeeded';
      if (!(stored.metadata.deletionTimestamp || finished || succeededPod || failedPod)) continue;
      toRelease.push(pod);
      const uid = pod.metadata.uid!;
      if (succeededPod && !uncounted.failed.includes(uid)) {
        if (!uncounted.succeeded.includes(uid)) uncounted.succeeded.push(uid);
      } else if (failedPod || (finished && finished.type !== 'SuccessCriteriaMet')) {
        if (!uncounted.failed.includes(uid)) uncounted.failed.push(uid);
      }
    }
    status.uncountedTerminatedPods = {
      ...(uncounted.succeeded.length ? { succeeded: uncounted.succeeded } : {}),
      ...(uncounted.failed.length ? { failed: uncounted.failed } : {}),
    };
    status.conditions ??= [];
    const conditions = status.conditions;
    if (finished?.type === 'FailureTarget') {
      if (!findCondition(job, 'FailureTarget')) conditions.push(finished);
      finished = newCondition('Failed', finished.reason ?? '', finished.message ?? '', now);
    } else if (finished?.type === 'SuccessCriteriaMet') {
      if (!findCondition(job, 'SuccessCriteriaMet')) conditions.push(finished);
      finished = newCondition('Complete', finished.reason ?? '', finished.message ?? '', now);
    }
    // Step 1: record the finished pods (and the interim condition) before their finalizers go.
    let latest = writeStatus(stored, job);
    // Step 2: release the pods; step 3: count them.
    for (const pod of toRelease) removeFinalizer(pod);
    const released = new Set(toRelease.map((p) => p.metadata.uid));
    status.succeeded = (status.succeeded ?? 0) + uncounted.succeeded.filter((u) => released.has(u)).length;
    status.failed = (status.failed ?? 0) + uncounted.failed.filter((u) => released.has(u)).length;
    uncounted.succeeded = uncounted.succeeded.filter((u) => !released.has(u));
    uncounted.failed = uncounted.failed.filter((u) => !released.has(u));
    status.uncountedTerminatedPods = {
      ...(uncounted.succeeded.length ? { succeeded: uncounted.succeeded } : {}),
      ...(uncounted.failed.length ? { failed: uncounted.failed } : {}),
    };
    // enactJobFinished: only with nothing uncounted and nothing terminating.
    const done = finished && uncounted.succeeded.length + uncounted.failed.length === 0 && state.terminating === 0;
    if (done) {
      conditions.push(finished!);
      if (finished!.type === 'Complete') status.completionTime = finished!.lastTransitionTime;
    }
    latest = writeStatus(latest, job);
    if (!done) return;
    if (finished!.type === 'Complete') {
      const completions = job.spec.completions;
      if (typeof completions === 'number' && (status.succeeded ?? 0) > completions) {
        events.record(
          latest,
          SOURCE,
          'Warning',
          'TooManySucceededPods',
          'Too many succeeded pods running after completion count reached',
        );
      }
      events.record(latest, SOURCE, 'Normal', 'Completed', 'Job completed');
    } else {
      events.record(latest, SOURCE, 'Warning', finished!.reason ?? 'Failed', finished!.message ?? '');
    }
  }

  function writeStatus(base: Job, job: Job): Job {
    if (jsonEqual(base.status ?? {}, job.status)) return base;
    const written = api.update(
      { ...clone(base), status: clone(job.status) },
      { subresource: 'status', fieldManager: MANAGER },
    ) as Job;
    return written;
  }

  function createPod(job: Job): Pod {
    const template = job.spec.template;
    const pod = api.create(
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${job.metadata.name}-`,
          namespace: job.metadata.namespace!,
          labels: { ...(template.metadata?.labels ?? {}) },
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ownerReferences: [newControllerRef(job)],
          finalizers: [JOB_TRACKING_FINALIZER],
        },
        spec: clone(template.spec),
      },
      { fieldManager: MANAGER },
    ) as Pod;
    events.record(job, SOURCE, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    return pod;
  }

  function deletePod(job: Job, pod: Pod): void {
    api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid! } });
    events.record(job, SOURCE, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  }

  function removeFinalizer(pod: Pod): void {
    const current = api.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!);
    if (!current || current.metadata.uid !== pod.metadata.uid) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    api.update({ ...clone(current), metadata: { ...clone(current.metadata), finalizers } }, { fieldManager: MANAGER });
  }
}

function isTerminalPhase(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function pastDeadline(job: Job, now: number): boolean {
  const seconds = job.spec.activeDeadlineSeconds;
  if (seconds === undefined || !job.status?.startTime || job.spec.suspend) return false;
  return now - Date.parse(job.status.startTime) >= seconds * 1000;
}
