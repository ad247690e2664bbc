import test from 'ava';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import {
  type Job,
  startJobController,
  startTtlAfterFinishedController,
} from '../../../../src/kube/controllers/job/index.ts';
import { setPodStatus, startCluster, type TestCluster } from '../support/cluster.ts';

function createJob(c: TestCluster, name: string, spec: Record<string, unknown> = {}): Job {
  return c.api.create({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } }, ...spec },
  }) as Job;
}
const job = (c: TestCluster, name: string) => c.api.get('batch/v1', 'Job', 'default', name) as Job;
const podsOf = (c: TestCluster, name: string) =>
  c.api.list('v1', 'Pod', { namespace: 'default', labelSelector: `job-name=${name}` }) as Pod[];
const types = (j: Job) => (j.status?.conditions ?? []).map((x) => `${x.type}${x.reason ? `/${x.reason}` : ''}`);

test('a Job runs its pod to completion: tracking finalizer, SuccessCriteriaMet then Complete, completionTime, event', async (t) => {
  await using c = await startCluster();
  startJobController(c.ctx);
  createJob(c, 'hook');
  await c.clock.advance(1);
  const [pod, ...more] = podsOf(c, 'hook');
  t.is(more.length, 0);
  t.deepEqual(pod!.metadata.finalizers, ['batch.kubernetes.io/job-tracking']);
  t.is(pod!.metadata.ownerReferences![0]!.kind, 'Job');
  t.like(job(c, 'hook').status, { active: 1, ready: 0 });
  t.truthy(job(c, 'hook').status!.startTime);

  await c.clock.advance(5_000);
  setPodStatus(c.api, c.clock, pod!, { phase: 'Succeeded', ready: false });
  await c.clock.advance(500);
  t.deepEqual(types(job(c, 'hook')), [], 'pod changes are batched for 1 s');
  await c.clock.advance(600);
  const done = job(c, 'hook');
  t.deepEqual(types(done), ['SuccessCriteriaMet', 'Complete']);
  t.like(done.status, { active: 0, succeeded: 1, failed: 0 });
  t.deepEqual(done.status!.uncountedTerminatedPods, {});
  t.is(done.status!.completionTime, done.status!.conditions![1]!.lastTransitionTime);
  t.is((Date.parse(done.status!.completionTime!) - Date.parse(done.status!.startTime!)) / 1000, 6);
  t.deepEqual(podsOf(c, 'hook')[0]!.metadata.finalizers ?? [], []);
  const reasons = c.api.list('v1', 'Event', { namespace: 'default' }).map((e) => e['reason']);
  t.true(reasons.includes('SuccessfulCreate') && reasons.includes('Completed'));
});

test('failed pods are replaced after exponential back-off until backoffLimit, then FailureTarget and Failed', async (t) => {
  await using c = await startCluster();
  startJobController(c.ctx);
  createJob(c, 'flaky', { backoffLimit: 2 });
  await c.clock.advance(1);
  const createdAt: number[] = [];
  const failedAt: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const live = podsOf(c, 'flaky').filter((p) => p.status?.phase !== 'Failed');
    t.is(live.length, 1, `attempt ${attempt} has one pod`);
    createdAt.push(Date.parse(live[0]!.metadata.creationTimestamp!));
    setPodStatus(c.api, c.clock, live[0]!, { phase: 'Failed', ready: false });
    failedAt.push(c.clock.now());
    // 1 s batching, then 10 s, 20 s back-off.
    await c.clock.advance(1_100);
    if (attempt < 2) {
      t.is(podsOf(c, 'flaky').filter((p) => p.status?.phase !== 'Failed').length, 0, 'waiting out the back-off');
      await c.clock.advance(10_000 * 2 ** attempt);
    }
  }
  t.deepEqual(
    createdAt.slice(1).map((at, i) => Math.round((at - failedAt[i]!) / 1000)),
    [10, 20],
    'replacements 10 s then 20 s after each failure',
  );
  const failed = job(c, 'flaky');
  t.deepEqual(types(failed), ['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
  t.like(failed.status, { failed: 3, succeeded: 0, active: 0 });
  t.is(failed.status!.completionTime, undefined);
  const warning = c.api
    .list('v1', 'Event', { namespace: 'default' })
    .find((e) => e['reason'] === 'BackoffLimitExceeded');
  t.is(warning?.['message'], 'Job has reached the specified backoff limit');
});

test('activeDeadlineSeconds fails the Job and deletes its pods', async (t) => {
  await using c = await startCluster();
  startJobController(c.ctx);
  createJob(c, 'slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 });
  await c.clock.advance(1);
  t.is(podsOf(c, 'slow').length, 2);
  await c.clock.advance(30_000);
  const j = job(c, 'slow');
  t.deepEqual(types(j), ['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
  t.is(podsOf(c, 'slow').length, 0, 'unscheduled pods go at once once their finalizer is removed');
  t.like(j.status, { failed: 2, active: 0 });
});

test('parallelism and completions; ttlSecondsAfterFinished deletes the finished Job', async (t) => {
  await using c = await startCluster();
  startJobController(c.ctx);
  startTtlAfterFinishedController(c.ctx);
  createJob(c, 'batch', { parallelism: 2, completions: 3, ttlSecondsAfterFinished: 60 });
  await c.clock.advance(1);
  for (let round = 0; round < 3; round++) {
    const live = podsOf(c, 'batch').filter((p) => p.status?.phase !== 'Succeeded');
    t.is(live.length, round === 2 ? 1 : 2);
    setPodStatus(c.api, c.clock, live[0]!, { phase: 'Succeeded', ready: false });
    await c.clock.advance(1_100);
  }
  t.like(job(c, 'batch').status, { succeeded: 3, active: 0 });
  t.is(podsOf(c, 'batch').length, 3);
  t.true(types(job(c, 'batch')).includes('Complete'));
  await c.clock.advance(59_000);
  t.truthy(job(c, 'batch'));
  await c.clock.advance(1_000);
  t.truthy(job(c, 'batch').metadata.deletionTimestamp, 'deleted (foreground) 60 s after it finished');
});
