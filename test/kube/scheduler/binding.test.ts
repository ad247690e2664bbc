import test from 'ava';
import { ManualClock, Random } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import { EventRecorder } from '../../../src/kube/controllers/runtime/event-recorder.ts';
import { apiContextBinder, SchedulerError, startScheduler } from '../../../src/kube/scheduler/index.ts';
import type { Pod } from '../../../src/kube/scheduler/pod/types.ts';
import { harness, node, nodeNameOf, pod } from './support.ts';

test('a pod bound by someone else meanwhile: the conflict is reported and the pod counts where it really went', async (t) => {
  let bindings = 0;
  let realBinder: ((p: Pod, n: string) => void) | undefined;
  await using h = await harness({
    binder: (p, nodeName) => {
      bindings++;
      // Another scheduler wins the race for the first pod.
      if (p.metadata.name === 'raced') realBinder!(p, 'worker-2');
      realBinder!(p, nodeName);
    },
  });
  realBinder = apiContextBinder(h.server.context);
  h.api.create(node('worker-1', { cpu: '1' }));
  h.api.create(node('worker-2', { cpu: '1' }));
  h.api.create(pod('raced', { cpu: '600m', spec: { nodeSelector: { 'kubernetes.io/hostname': 'worker-1' } } }));
  await h.settle();
  t.is(nodeNameOf(h.pod('raced')), 'worker-2');
  const [event] = h.events('raced', 'FailedScheduling');
  t.regex(String(event?.['message']), /^running Bind plugin "DefaultBinder": .*already assigned to node "worker-2"/);
  t.is(h.events('raced', 'Scheduled').length, 0);
  t.is(h.scheduler.queueStats()['backoff'], 0, 'not retried: it is bound');
  // worker-2 now holds 600m: a second 600m pod goes to worker-1.
  h.api.create(pod('next', { cpu: '600m' }));
  await h.settle();
  t.is(nodeNameOf(h.pod('next')), 'worker-1');
  t.is(bindings, 2);
});

test('a failed binding of a still-pending pod is retried after back-off', async (t) => {
  let failures = 1;
  let realBinder: ((p: Pod, n: string) => void) | undefined;
  await using h = await harness({
    onError: () => {},
    binder: (p, nodeName) => {
      if (failures-- > 0) throw new Error('etcd is having a bad day');
      realBinder!(p, nodeName);
    },
  });
  realBinder = apiContextBinder(h.server.context);
  h.api.create(node('worker-1'));
  h.api.create(pod('web'));
  await h.settle();
  t.is(nodeNameOf(h.pod('web')), undefined);
  t.is(h.scheduler.queueStats()['backoff'], 1);
  await h.settle(1000);
  t.is(nodeNameOf(h.pod('web')), 'worker-1');
});

test('no nodes at all: SchedulerError "no nodes available to schedule pods", retried when a node appears', async (t) => {
  await using h = await harness();
  h.api.create(pod('early'));
  await h.settle();
  const condition = ((h.pod('early')['status'] as { conditions: Record<string, unknown>[] }).conditions ?? []).find(
    (c) => c['type'] === 'PodScheduled',
  );
  t.like(condition, { status: 'False', reason: 'SchedulerError', message: 'no nodes available to schedule pods' });
  h.api.create(node('late'));
  await h.settle(1000);
  t.is(nodeNameOf(h.pod('early')), 'late');
});

test('without a binder and without KubeApi.bind the scheduler refuses to start, saying what to pass', async (t) => {
  const clock = new ManualClock();
  const random = new Random(1);
  await using server = await startApiServer({ clock, random });
  const controller = new AbortController();
  const events = new EventRecorder({ api: server.api, clock, random });
  const start = () => startScheduler({ api: server.api, clock, random, events, signal: controller.signal });
  if (typeof (server.api as unknown as { bind?: unknown }).bind === 'function') {
    t.notThrows(start);
  } else {
    const error = t.throws(start, { instanceOf: SchedulerError });
    t.regex(error.message, /apiContextBinder/);
  }
  controller.abort();
});
