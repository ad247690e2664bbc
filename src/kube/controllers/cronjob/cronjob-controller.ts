import { formatTime } from '../../../clock/index.ts';
import { jsonEqual } from '../../../json/json-equal.ts';
import { clone } from '../endpointslice/pod.ts';
import { findCondition, isJobFinished, type Job } from '../job/job-types.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { isValidTimeZone } from './next-time.ts';
import { parseSchedule, type Schedule } from './schedule.ts';
import { formatInZone, jobName, MANY_MISSED, mostRecentScheduleTime, untilNextSchedule } from './schedule-times.ts';
import { type CronJob, type JobReference, SCHEDULED_TIMESTAMP_ANNOTATION } from './types.ts';

const MANAGER = 'cronjob-controller';
const SOURCE = { component: 'cronjob-controller' };

export interface CronJobControllerOptions {
  /** The zone of schedules without spec.timeZone: kube-controller-manager's local zone, UTC in its usual image. */
  defaultTimeZone?: string;
}

/**
 * The CronJob controller (K: pkg/controller/cronjob/cronjob_controllerv2.go, v1.32), woken by the injected clock at
 * each next schedule time: reconciles status.active with the Jobs it owns (SawCompletedJob, MissingJob,
 * UnexpectedJob, lastSuccessfulTime), then for the most recent due schedule time — unless suspended, past
 * startingDeadlineSeconds (MissSchedule), already processed, or blocked by Forbid (JobAlreadyActive) — deletes the
 * active Jobs under Replace and creates Job <cronjob>-<minutes since epoch> with the scheduled-timestamp
 * annotation; finally deletes finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit, oldest first.
 */
export function startCronJobController(ctx: ControllerContext, options: CronJobControllerOptions = {}): void {
  const { api, clock, signal, events } = ctx;
  const defaultZone = options.defaultTimeZone ?? 'UTC';
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const cronJobs = new Informer<CronJob>(api, 'batch/v1', 'CronJob').addIndex('uid', (c) => [c.metadata.uid!]);
  const jobs = new Informer<Job>(api, 'batch/v1', 'Job').addIndex('owner', byControllerUid);
  /** One pending wake-up per CronJob, replaced when a sync computes a new one. */
  const timers = new Map<string, () => void>();

  const enqueue = (c: CronJob) => queue.add(keyOf(c.metadata.namespace, c.metadata.name!));
  const enqueueForJob = (j: Job) => {
    const owner = j.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'CronJob');
    const cronJob = owner && cronJobs.byIndex('uid', owner.uid)[0];
    if (cronJob) enqueue(cronJob);
  };
  cronJobs.on({ added: enqueue, updated: (_o, c) => enqueue(c) });
  jobs.on({ added: enqueueForJob, updated: (_o, j) => enqueueForJob(j), deleted: enqueueForJob });
  cronJobs.start(signal);
  jobs.start(signal);

  function requeueAfter(key: string, ms: number): void {
    timers.get(key)?.();
    timers.set(
      key,
      clock.setTimer(Math.max(0, ms), () => queue.add(key), signal),
    );
  }

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const stored = cronJobs.get(namespace, name);
    if (!stored) {
      timers.get(key)?.();
      timers.delete(key);
      return;
    }
    const cronJob = clone(stored);
    cronJob.status ??= {};
    const owned = jobs.byIndex('owner', cronJob.metadata.uid!);
    reconcileActive(cronJob, owned);
    const wake = cronJob.metadata.deletionTimestamp ? undefined : schedule(cronJob);
    cleanupFinishedJobs(cronJob, jobs.byIndex('owner', cronJob.metadata.uid!));
    const latest = cronJobs.get(namespace, name) ?? stored;
    if (!jsonEqual(latest.status ?? {}, cronJob.status)) {
      api.update({ ...clone(latest), status: cronJob.status }, { subresource: 'status', fieldManager: MANAGER });
    }
    if (wake !== undefined) requeueAfter(key, wake);
  }

  function reconcileActive(cronJob: CronJob, owned: Job[]): void {
    const status = cronJob.status!;
    const active = new Map((status.active ?? []).map((r) => [r.uid, r]));
    for (const job of owned) {
      const uid = job.metadata.uid!;
      if (!active.has(uid) && !isJobFinished(job)) {
        events.record(
          cronJob,
          SOURCE,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${job.metadata.name}`,
        );
      } else if (active.has(uid) && isJobFinished(job)) {
        const condition = findCondition(job, 'Complete') ? 'Complete' : 'Failed';
        active.delete(uid);
        events.record(
          cronJob,
          SOURCE,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${job.metadata.name}, condition: ${condition}`,
        );
      }
      const completion = job.status?.completionTime;
      if (findCondition(job, 'Complete') && completion) {
        const last = status.lastSuccessfulTime;
        if (!last || Date.parse(completion) > Date.parse(last)) status.lastSuccessfulTime = completion;
      }
    }
    for (const [uid, ref] of active) {
      if (owned.some((j) => j.metadata.uid === uid)) continue;
      if (api.get('batch/v1', 'Job', ref.namespace, ref.name)?.metadata.uid === uid) continue;
      active.delete(uid);
      events.record(cronJob, SOURCE, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
    }
    status.active = [...active.values()];
    if (status.active.length === 0) delete status.active;
  }

  /** The scheduling half of syncCronJob; returns when to look again (ms), if ever. */
  function schedule(cronJob: CronJob): number | undefined {
    const zone = cronJob.spec.timeZone ?? defaultZone;
    if (!isValidTimeZone(zone)) {
      events.record(
        cronJob,
        SOURCE,
        'Warning',
        'UnknownTimeZone',
        `invalid timeZone: "${zone}": unknown time zone ${zone}`,
      );
      return undefined;
    }
    let parsed: Schedule;
    try {
      parsed = parseSchedule(cronJob.spec.schedule);
    } catch (error) {
      events.record(
        cronJob,
        SOURCE,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: "${cronJob.spec.schedule}" : ${String(error)}`,
      );
      return undefined;
    }
    const now = clock.now();
    const next = () => untilNextSchedule({ cronJob, schedule: parsed, zone, now });
    if (cronJob.spec.suspend) return undefined;
    const recent = mostRecentScheduleTime({ cronJob, schedule: parsed, zone, now, includeDeadline: true });
    if (recent.missed > MANY_MISSED) {
      events.record(
        cronJob,
        SOURCE,
        'Warning',
        'TooManyMissedTimes',
        `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
      );
    }
    const scheduled = recent.mostRecent;
    if (scheduled === undefined) return next();
    const deadline = cronJob.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      events.record(
        cronJob,
        SOURCE,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${new Date(scheduled).toUTCString()}`,
      );
      return next();
    }
    const status = cronJob.status!;
    const name = jobName(cronJob, scheduled);
    if ((status.active ?? []).some((r) => r.name === name) || status.lastScheduleTime === formatTime(scheduled)) {
      return next();
    }
    const policy = cronJob.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      events.record(
        cronJob,
        SOURCE,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return next();
    }
    if (policy === 'Replace') {
      for (const ref of status.active ?? []) {
        deleteJob(cronJob, ref.namespace, ref.name, ref.uid);
      }
      delete status.active;
    }
    const job = createJob(cronJob, name, scheduled, zone);
    if (job) {
      status.active = [...(status.active ?? []), referenceTo(job)];
    }
    status.lastScheduleTime = formatTime(scheduled);
    return next();
  }

  /** getJobFromTemplate2: the template's labels and annotations, the scheduled time, the CronJob as controller. */
  function createJob(cronJob: CronJob, name: string, scheduled: number, zone: string): Job | undefined {
    const template = cronJob.spec.jobTemplate;
    const existing = api.get('batch/v1', 'Job', cronJob.metadata.namespace, name) as Job | undefined;
    if (existing) {
      // Created by an earlier sync whose status write was lost: take it as ours if it is, else leave it.
      const ours = existing.metadata.ownerReferences?.some((o) => o.uid === cronJob.metadata.uid);
      return ours && !isJobFinished(existing) ? existing : undefined;
    }
    const job = api.create(
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: {
          name,
          namespace: cronJob.metadata.namespace!,
          labels: { ...(template.metadata?.labels ?? {}) },
          annotations: {
            ...(template.metadata?.annotations ?? {}),
            [SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(scheduled, zone),
          },
          ownerReferences: [newControllerRef(cronJob)],
        },
        spec: clone(template.spec),
      },
      { fieldManager: MANAGER },
    ) as Job;
    events.record(cronJob, SOURCE, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    return job;
  }

  function deleteJob(cronJob: CronJob, namespace: string, name: string, uid: string): void {
    const deleted = api.delete('batch/v1', 'Job', namespace, name, {
      propagationPolicy: 'Background',
      preconditions: { uid },
    });
    if (deleted) events.record(cronJob, SOURCE, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
  }

  /** cleanupFinishedJobs / removeOldestJobs: by start time (missing start times last), ties by name. */
  function cleanupFinishedJobs(cronJob: CronJob, owned: Job[]): void {
    const byStart = (a: Job, b: Job) => {
      const sa = a.status?.startTime ? Date.parse(a.status.startTime) : Number.POSITIVE_INFINITY;
      const sb = b.status?.startTime ? Date.parse(b.status.startTime) : Number.POSITIVE_INFINITY;
      return sa - sb || (a.metadata.name! < b.metadata.name! ? -1 : 1);
    };
    const prune = (finished: Job[], limit: number | undefined) => {
      if (limit === undefined || limit === null) return;
      const sorted = [...finished].sort(byStart);
      for (const job of sorted.slice(0, Math.max(0, sorted.length - limit))) {
        deleteJob(cronJob, job.metadata.namespace!, job.metadata.name!, job.metadata.uid!);
        const status = cronJob.status!;
        status.active = status.active?.filter((r) => r.uid !== job.metadata.uid);
        if (status.active?.length === 0) delete status.active;
      }
    };
    const live = owned.filter((j) => !j.metadata.deletionTimestamp);
    prune(
      live.filter((j) => findCondition(j, 'Complete')),
      cronJob.spec.successfulJobsHistoryLimit,
    );
    prune(
      live.filter((j) => findCondition(j, 'Failed')),
      cronJob.spec.failedJobsHistoryLimit,
    );
  }
}

function referenceTo(job: Job): JobReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    namespace: job.metadata.namespace!,
    name: job.metadata.name!,
    uid: job.metadata.uid!,
    ...(job.metadata.resourceVersion ? { resourceVersion: job.metadata.resourceVersion } : {}),
  };
}
