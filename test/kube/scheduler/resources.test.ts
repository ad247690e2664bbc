import test from 'ava';
import { scaledQuantity } from '../../../src/kube/quantity.ts';
import { podRequests } from '../../../src/kube/scheduler/pod/requests.ts';
import type { Pod } from '../../../src/kube/scheduler/pod/types.ts';
import { CONTROL_PLANE_TAINT, harness, node, nodeNameOf, pod, scheduledCondition } from './support.ts';

test('quantities parse exactly and round up', (t) => {
  t.is(scaledQuantity('100m', 3), 100);
  t.is(scaledQuantity('0.1', 3), 100);
  t.is(scaledQuantity('1.5', 3), 1500);
  t.is(scaledQuantity('2', 3), 2000);
  t.is(scaledQuantity('1Ki', 0), 1024);
  t.is(scaledQuantity('1.5Gi', 0), 1.5 * 2 ** 30);
  t.is(scaledQuantity('128974848', 0), 128974848);
  t.is(scaledQuantity('129e6', 0), 129_000_000);
  t.is(scaledQuantity('129M', 0), 129_000_000);
  t.is(scaledQuantity('1k', 0), 1000);
  t.is(scaledQuantity('1n', 3), 1);
  t.is(scaledQuantity(2, 3), 2000);
  t.is(scaledQuantity('abc', 0), undefined);
  t.is(scaledQuantity('1Mb', 0), undefined);
});

test('pod requests: containers summed, init containers as a peak, sidecars added, overhead on top', (t) => {
  const p = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: {
      containers: [
        { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } },
        { name: 'b', resources: { requests: { cpu: '200m' } } },
      ],
      initContainers: [
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
        { name: 'migrate', resources: { requests: { cpu: '1', memory: '32Mi' } } },
      ],
      overhead: { cpu: '10m' },
    },
  } as Pod;
  // max(100+200+50, 1000+50) + 10 = 1060m; memory max(64Mi, 32Mi).
  t.deepEqual(podRequests(p), { cpu: 1060, memory: 64 * 2 ** 20 });
});

test('insufficient resources: the real message with per-node counts, the condition and a Warning event', async (t) => {
  await using h = await harness();
  h.api.create(node('control-plane', { taints: [CONTROL_PLANE_TAINT] }));
  h.api.create(node('worker-1', { cpu: '2' }));
  h.api.create(node('worker-2', { cpu: '2' }));
  h.api.create(pod('big', { cpu: '1500m' }));
  h.api.create(pod('big-2', { cpu: '1500m' }));
  await h.settle();
  t.not(nodeNameOf(h.pod('big')), nodeNameOf(h.pod('big-2')));
  h.api.create(pod('third', { cpu: '1' }));
  await h.settle();
  const message =
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
    'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
  t.like(scheduledCondition(h.pod('third')), { status: 'False', reason: 'Unschedulable', message });
  const [event] = h.events('third', 'FailedScheduling');
  t.like(event, { type: 'Warning', message, count: 1 });
  // A retry with the same outcome bumps the event's count; the condition is not rewritten.
  const before = h.pod('third').metadata.resourceVersion;
  h.api.create(node('tiny', { cpu: '100m' }));
  await h.settle(1000);
  t.is(h.pod('third').metadata.resourceVersion === before, false, 'the message now counts 4 nodes');
  t.regex(String(scheduledCondition(h.pod('third'))?.['message']), /^0\/4 nodes are available: .*3 Insufficient cpu/);
});

test('more than a whole node requests is unresolvable; memory, pods and extended resources are checked too', async (t) => {
  await using h = await harness();
  h.api.create(node('small', { cpu: '1', memory: '1Gi', pods: '2', extra: { 'example.com/gpu': '1' } }));
  h.api.create(pod('huge', { cpu: '2', memory: '2Gi' }));
  h.api.create(
    pod('gpu', {
      spec: {
        containers: [
          {
            name: 'c',
            image: 'x',
            resources: { requests: { 'example.com/gpu': '2' }, limits: { 'example.com/gpu': '2' } },
          },
        ],
      },
    }),
  );
  await h.settle();
  t.is(
    scheduledCondition(h.pod('huge'))?.['message'],
    '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. ' +
      'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
  t.regex(String(scheduledCondition(h.pod('gpu'))?.['message']), /1 Insufficient example\.com\/gpu\./);
  h.api.create(pod('one'));
  h.api.create(pod('two'));
  h.api.create(pod('three'));
  await h.settle();
  const placed = ['one', 'two', 'three'].filter((n) => nodeNameOf(h.pod(n)));
  t.is(placed.length, 2);
  const left = ['one', 'two', 'three'].find((n) => !nodeNameOf(h.pod(n)))!;
  t.regex(String(scheduledCondition(h.pod(left))?.['message']), /^0\/1 nodes are available: 1 Too many pods\./);
});

test('resources free up when a bound pod is deleted or finishes, and the waiting pod is retried', async (t) => {
  await using h = await harness();
  h.api.create(node('worker-1', { cpu: '1' }));
  h.api.create(pod('first', { cpu: '800m' }));
  h.api.create(pod('second', { cpu: '800m' }));
  await h.settle();
  const [bound, waiting] = nodeNameOf(h.pod('first')) ? ['first', 'second'] : ['second', 'first'];
  t.is(nodeNameOf(h.pod(waiting)), undefined);
  // The pod finishes: Succeeded pods no longer hold resources.
  const done = h.pod(bound);
  h.api.update({ ...done, status: { ...(done['status'] as object), phase: 'Succeeded' } }, { subresource: 'status' });
  await h.settle(1000);
  t.is(nodeNameOf(h.pod(waiting)), 'worker-1');
  h.api.create(pod('third', { cpu: '800m' }));
  await h.settle();
  t.is(nodeNameOf(h.pod('third')), undefined);
  h.api.delete('v1', 'Pod', 'default', waiting, { gracePeriodSeconds: 0 });
  await h.settle(1000);
  t.is(nodeNameOf(h.pod('third')), 'worker-1');
});
