import test from 'ava';
import { ManualClock, Random } from '../../../../src/clock/index.ts';
import { startApiServer } from '../../../../src/kube/apiserver/server.ts';
import { EventRecorder } from '../../../../src/kube/controllers/runtime/event-recorder.ts';
import { byControllerUid, Informer } from '../../../../src/kube/controllers/runtime/informer.ts';
import { WorkQueue } from '../../../../src/kube/controllers/runtime/work-queue.ts';

test('an informer lists what exists, follows changes with old and new objects, and keeps its index current', async (t) => {
  const clock = new ManualClock();
  const server = await startApiServer({ clock });
  t.teardown(() => server.close());
  const owner = server.api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'owner', namespace: 'default' },
  });
  const owned = (name: string) =>
    server.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid!, controller: true },
        ],
      },
    });
  owned('before');
  const seen: string[] = [];
  const signal = new AbortController();
  t.teardown(() => signal.abort());
  const informer = new Informer(server.api, 'v1', 'ConfigMap')
    .addIndex('owner', byControllerUid)
    .on({
      added: (o) => seen.push(`added ${o.metadata.name}`),
      updated: (before, after) =>
        seen.push(
          `updated ${after.metadata.name} ${before.metadata.resourceVersion}→${after.metadata.resourceVersion}`,
        ),
      deleted: (o) => seen.push(`deleted ${o.metadata.name}`),
    })
    .start(signal.signal);
  owned('after');
  const changed = server.api.mergePatch('v1', 'ConfigMap', 'default', 'after', { data: { k: 'v' } });
  server.api.delete('v1', 'ConfigMap', 'default', 'before');
  t.deepEqual(
    informer.byIndex('owner', owner.metadata.uid!).map((o) => o.metadata.name),
    ['after'],
  );
  t.is(informer.get('default', 'after')?.metadata.resourceVersion, changed.metadata.resourceVersion);
  t.true(seen.includes('added before') && seen.includes('added after') && seen.includes('deleted before'));
  t.true(seen.some((s) => s.startsWith('updated after ')));
});

test('a work queue coalesces repeats and retries a failing key with doubling back-off', async (t) => {
  const clock = new ManualClock(0);
  const signal = new AbortController();
  t.teardown(() => signal.abort());
  const attempts: number[] = [];
  let failuresLeft = 3;
  const queue = new WorkQueue({
    clock,
    signal: signal.signal,
    backoff: { baseMs: 100, maxMs: 1000 },
    process: () => {
      attempts.push(clock.now());
      if (failuresLeft-- > 0) throw new Error('not yet');
    },
  });
  queue.add('k');
  queue.add('k');
  await clock.advance(0);
  t.deepEqual(attempts, [0]);
  await clock.advance(1000);
  t.deepEqual(attempts, [0, 100, 300, 700]);
});

test('the event recorder aggregates a repeated event into one with a count', async (t) => {
  const clock = new ManualClock();
  const server = await startApiServer({ clock });
  t.teardown(() => server.close());
  const events = new EventRecorder({ api: server.api, clock, random: new Random(1) });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1' } };
  events.record(pod, { component: 'kubelet', host: 'worker-1' }, 'Warning', 'BackOff', 'Back-off pulling image "x"');
  await clock.advance(10_000);
  events.record(pod, { component: 'kubelet', host: 'worker-1' }, 'Warning', 'BackOff', 'Back-off pulling image "x"');
  events.record(pod, { component: 'kubelet', host: 'worker-1' }, 'Normal', 'Pulled', 'Successfully pulled image "x"');
  const listed = server.api.list('v1', 'Event', { namespace: 'default' });
  t.is(listed.length, 2);
  const backOff = listed.find((e) => e['reason'] === 'BackOff')!;
  t.is(backOff['count'], 2);
  t.not(backOff['firstTimestamp'], backOff['lastTimestamp']);
  t.deepEqual(backOff['involvedObject'], {
    apiVersion: 'v1',
    kind: 'Pod',
    name: 'web-1',
    namespace: 'default',
    uid: 'u1',
  });
});
