import test from 'ava';
import { formatTime } from '../../../../src/clock/index.ts';
import {
  type CronJob,
  nextTime,
  parseSchedule,
  startCronJobController,
} from '../../../../src/kube/controllers/cronjob/index.ts';
import type { Job } from '../../../../src/kube/controllers/job/index.ts';
import { startCluster, type TestCluster } from '../support/cluster.ts';
import { eventMessages } from '../support/workloads.ts';

const MINUTE = 60_000;

function createCronJob(c: TestCluster, spec: Record<string, unknown> = {}): CronJob {
  return c.api.create({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'tick', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        metadata: { labels: { app: 'tick' } },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
      },
      ...spec,
    },
  }) as CronJob;
}
const jobs = (c: TestCluster) =>
  (c.api.list('batch/v1', 'Job', { namespace: 'default' }) as Job[]).filter((j) => !j.metadata.deletionTimestamp);
const jobNames = (c: TestCluster) =>
  jobs(c)
    .map((j) => j.metadata.name!)
    .sort();
const cron = (c: TestCluster) => c.api.get('batch/v1', 'CronJob', 'default', 'tick') as CronJob;

/** What the Job controller writes when a Job ends. */
function finishJob(c: TestCluster, name: string, type: 'Complete' | 'Failed'): void {
  const job = c.api.get('batch/v1', 'Job', 'default', name) as Job;
  const at = formatTime(c.clock.now());
  const started = job.metadata.creationTimestamp!;
  const interim = type === 'Complete' ? 'SuccessCriteriaMet' : 'FailureTarget';
  const condition = (t: string) => ({ type: t, status: 'True', lastProbeTime: at, lastTransitionTime: at });
  c.api.update(
    {
      ...job,
      status: {
        startTime: started,
        ...(type === 'Complete' ? { completionTime: at, succeeded: 1 } : { failed: 1 }),
        active: 0,
        conditions: [condition(interim), condition(type)],
      },
    },
    { subresource: 'status', fieldManager: 'job-controller' },
  );
}

test('schedules: ranges, steps, names, descriptors, day-of-month OR day-of-week, time zones', (t) => {
  const start = Date.UTC(2026, 0, 1, 0, 0); // a Thursday
  const iso = (ms: number | undefined) => (ms === undefined ? 'never' : new Date(ms).toISOString());
  t.is(iso(nextTime(parseSchedule('*/5 * * * *'), start, 'UTC')), '2026-01-01T00:05:00.000Z');
  t.is(iso(nextTime(parseSchedule('@hourly'), start, 'UTC')), '2026-01-01T01:00:00.000Z');
  t.is(iso(nextTime(parseSchedule('30 9 * * MON-FRI'), start, 'UTC')), '2026-01-01T09:30:00.000Z');
  t.is(iso(nextTime(parseSchedule('0 0 13 * FRI'), start, 'UTC')), '2026-01-02T00:00:00.000Z', 'OR when both are set');
  t.is(iso(nextTime(parseSchedule('0 0 * FEB *'), start, 'UTC')), '2026-02-01T00:00:00.000Z');
  t.is(iso(nextTime(parseSchedule('0 9 * * *'), start, 'Europe/Paris')), '2026-01-01T08:00:00.000Z');
  t.is(iso(nextTime(parseSchedule('0 0 30 2 *'), start, 'UTC')), 'never');
  t.throws(() => parseSchedule('* * * *'), { message: /expected exactly 5 fields/ });
});

test('a Job is created at the scheduled simulated minute, named by the minute, owned and annotated', async (t) => {
  await using c = await startCluster();
  startCronJobController(c.ctx);
  createCronJob(c);
  await c.clock.advance(4 * MINUTE + 59_000);
  t.deepEqual(jobNames(c), []);
  await c.clock.advance(1_000);
  t.deepEqual(jobNames(c), [], 'the controller wakes 100 ms after the schedule time (nextScheduleDelta)');
  await c.clock.advance(100);
  const scheduled = Date.UTC(2026, 0, 1, 0, 5);
  t.deepEqual(jobNames(c), [`tick-${scheduled / MINUTE}`]);
  const job = jobs(c)[0]!;
  t.is(job.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-01T00:05:00Z');
  t.like(job.metadata.ownerReferences![0], { kind: 'CronJob', name: 'tick', controller: true });
  t.is(job.metadata.labels!['app'], 'tick');
  t.like(cron(c).status, { lastScheduleTime: '2026-01-01T00:05:00Z' });
  t.deepEqual(
    cron(c).status!.active!.map((r) => r.name),
    [job.metadata.name],
  );
  t.deepEqual(eventMessages(c, 'SuccessfulCreate'), [`Created job ${job.metadata.name}`]);

  finishJob(c, job.metadata.name!, 'Complete');
  await c.clock.advance(1);
  t.is(cron(c).status!.active, undefined);
  t.is(cron(c).status!.lastSuccessfulTime, formatTime(c.clock.now() - 1));
  t.deepEqual(eventMessages(c, 'SawCompletedJob'), [`Saw completed job: ${job.metadata.name}, condition: Complete`]);
  await c.clock.advance(5 * MINUTE);
  t.is(jobs(c).length, 2);
});

test('Forbid skips a run while the previous Job is active', async (t) => {
  await using c = await startCluster();
  startCronJobController(c.ctx);
  createCronJob(c, { concurrencyPolicy: 'Forbid' });
  await c.clock.advance(5 * MINUTE + 200);
  await c.clock.advance(5 * MINUTE);
  t.is(jobs(c).length, 1);
  t.deepEqual(eventMessages(c, 'JobAlreadyActive'), [
    'Not starting job because prior execution is running and concurrency policy is Forbid',
  ]);
  finishJob(c, jobs(c)[0]!.metadata.name!, 'Complete');
  await c.clock.advance(5 * MINUTE);
  t.is(jobs(c).length, 2);
});

test('Replace deletes the active Job and starts the new one', async (t) => {
  await using c = await startCluster();
  startCronJobController(c.ctx);
  createCronJob(c, { concurrencyPolicy: 'Replace' });
  await c.clock.advance(5 * MINUTE + 200);
  const first = jobs(c)[0]!.metadata.name!;
  await c.clock.advance(5 * MINUTE);
  t.deepEqual(jobNames(c), [`tick-${Date.UTC(2026, 0, 1, 0, 10) / MINUTE}`]);
  t.deepEqual(eventMessages(c, 'SuccessfulDelete'), [`Deleted job ${first}`]);
  t.deepEqual(
    cron(c).status!.active!.map((r) => r.name),
    jobNames(c),
  );
});

test('history limits keep 3 successful and 1 failed Job, oldest deleted first', async (t) => {
  await using c = await startCluster();
  startCronJobController(c.ctx);
  createCronJob(c, { schedule: '* * * * *' });
  await c.clock.advance(MINUTE + 100);
  for (let i = 0; i < 6; i++) {
    const current = cron(c).status!.active![0]!.name;
    finishJob(c, current, i % 3 === 2 ? 'Failed' : 'Complete');
    await c.clock.advance(MINUTE);
  }
  const finished = jobs(c).filter((j) => j.status?.conditions?.length);
  const minute = (n: number) => `tick-${Date.UTC(2026, 0, 1, 0, n) / MINUTE}`;
  // Runs 1..6: 3 and 6 failed; successes 1, 2, 4, 5.
  t.deepEqual(finished.map((j) => j.metadata.name).sort(), [minute(2), minute(4), minute(5), minute(6)]);
  t.is(jobs(c).length, 5, 'plus the run of minute 7, active');
});

test('suspend stops new runs; startingDeadlineSeconds skips a run that is too late', async (t) => {
  await using c = await startCluster();
  startCronJobController(c.ctx);
  createCronJob(c, { suspend: true });
  await c.clock.advance(12 * MINUTE);
  t.is(jobs(c).length, 0);
  c.api.mergePatch('batch/v1', 'CronJob', 'default', 'tick', { spec: { suspend: false, startingDeadlineSeconds: 30 } });
  await c.clock.advance(1);
  t.is(jobs(c).length, 0, 'the 00:10 run is more than 30 s late');
  await c.clock.advance(3 * MINUTE + 100);
  t.deepEqual(jobNames(c), [`tick-${Date.UTC(2026, 0, 1, 0, 15) / MINUTE}`]);
});
