import test from 'ava';
import { startEndpointSliceController } from '../../../../src/kube/controllers/endpointslice/index.ts';
import type { EndpointSlice } from '../../../../src/kube/controllers/endpointslice/plan-slices.ts';
import type { Condition, Taint } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import {
  startNodeLifecycleController,
  startTaintEvictionController,
} from '../../../../src/kube/controllers/node-lifecycle/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import {
  createNode,
  createPod,
  getPod,
  heartbeat,
  nodeConditions,
  startCluster,
  type TestCluster,
} from '../support/cluster.ts';

const DEFAULT_TOLERATIONS = 300;

function conditions(node: KubeObject | undefined): Condition[] {
  return (node?.['status'] as { conditions: Condition[] } | undefined)?.conditions ?? [];
}
function taints(node: KubeObject | undefined): Taint[] {
  return (node?.['spec'] as { taints?: Taint[] } | undefined)?.taints ?? [];
}
const seconds = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;

async function failingCluster(c: TestCluster) {
  createNode(c.api, c.clock, 'worker-1');
  createNode(c.api, c.clock, 'worker-2');
  const beat1 = heartbeat(c.api, c.clock, 'worker-1');
  const beat2 = heartbeat(c.api, c.clock, 'worker-2');
  startNodeLifecycleController(c.ctx);
  startTaintEvictionController(c.ctx);
  startEndpointSliceController(c.ctx);
  c.api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  // Default tolerations (300 s) come from DefaultTolerationSeconds admission.
  createPod(c.api, c.clock, { name: 'web-a', labels: { app: 'web' }, node: 'worker-1', ip: '10.0.1.2' });
  createPod(c.api, c.clock, { name: 'web-b', labels: { app: 'web' }, node: 'worker-2', ip: '10.0.2.2' });
  createPod(c.api, c.clock, {
    name: 'intolerant',
    node: 'worker-2',
    ip: '10.0.2.3',
    tolerations: [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 },
    ],
  });
  createPod(c.api, c.clock, {
    name: 'forever',
    node: 'worker-2',
    ip: '10.0.2.4',
    tolerations: [{ operator: 'Exists' }],
  });
  await c.clock.advance(30_000);
  return { beat1, beat2 };
}

const readyIps = (c: TestCluster) =>
  (c.api.list('discovery.k8s.io/v1', 'EndpointSlice', { namespace: 'default' }) as EndpointSlice[])
    .flatMap((s) => s.endpoints ?? [])
    .filter((e) => e.conditions.ready)
    .map((e) => e.addresses[0])
    .sort();

test('a node whose heartbeats stop goes Unknown at the grace period, is tainted, its pods leave endpoints and are evicted after 300 s', async (t) => {
  await using c = await startCluster();
  const { beat2 } = await failingCluster(c);
  t.deepEqual(readyIps(c), ['10.0.1.2', '10.0.2.2']);

  beat2();
  const lastLease = (
    c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'worker-2')!['spec'] as { renewTime: string }
  ).renewTime;
  await c.clock.advance(45_000);
  t.is(conditions(c.api.get('v1', 'Node', undefined, 'worker-2')).find((x) => x.type === 'Ready')!.status, 'True');
  await c.clock.advance(20_000);

  const node = c.api.get('v1', 'Node', undefined, 'worker-2');
  const ready = conditions(node).find((x) => x.type === 'Ready')!;
  t.like(ready, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
  const toUnknown = seconds(lastLease, ready.lastTransitionTime!);
  t.true(toUnknown > 50 && toUnknown <= 55, `Unknown ${toUnknown} s after the last heartbeat`);
  for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    t.is(conditions(node).find((x) => x.type === type)!.status, 'Unknown');
  }
  t.deepEqual(
    taints(node)
      .map((x) => `${x.key}:${x.effect}`)
      .sort(),
    ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule'],
  );
  const noExecute = taints(node).find((x) => x.effect === 'NoExecute')!;
  t.true(seconds(lastLease, noExecute.timeAdded!) <= 55);
  t.is(conditions(c.api.get('v1', 'Node', undefined, 'worker-1')).find((x) => x.type === 'Ready')!.status, 'True');

  // Pods go not-ready and leave the endpoints; the one without toleration is evicted at once.
  const podB = getPod(c.api, 'web-b')!;
  t.like(
    podB.status!.conditions!.find((x) => x.type === 'Ready'),
    { status: 'False' },
  );
  t.deepEqual(readyIps(c), ['10.0.1.2']);
  t.truthy(getPod(c.api, 'intolerant')!.metadata.deletionTimestamp);
  const events = c.api.list('v1', 'Event', { namespace: 'default' }).map((e) => e['reason']);
  t.true(events.includes('NodeNotReady'));

  // Evicted ~300 s after the taint: Terminating (no kubelet finishes it), DisruptionTarget condition.
  // Now 10 s past the taint.
  await c.clock.advance((DEFAULT_TOLERATIONS - 20) * 1000);
  t.falsy(getPod(c.api, 'web-b')!.metadata.deletionTimestamp);
  await c.clock.advance(15_000);
  const evicted = getPod(c.api, 'web-b')!;
  t.truthy(evicted.metadata.deletionTimestamp);
  const deletedAfter = seconds(
    lastLease,
    evicted.status!.conditions!.find((x) => x.type === 'DisruptionTarget')!.lastTransitionTime!,
  );
  t.true(deletedAfter > 350 && deletedAfter <= 356, `evicted ${deletedAfter} s after the last heartbeat`);
  t.falsy(getPod(c.api, 'forever')!.metadata.deletionTimestamp, 'tolerates forever');
  t.falsy(getPod(c.api, 'web-a')!.metadata.deletionTimestamp, 'healthy node untouched');
});

test('recovery: heartbeats resume, the node is Ready again and the taints go', async (t) => {
  await using c = await startCluster();
  const { beat2 } = await failingCluster(c);
  beat2();
  await c.clock.advance(60_000);
  t.is(taints(c.api.get('v1', 'Node', undefined, 'worker-2')).length, 2);

  // The kubelet comes back: renews its lease and posts Ready.
  heartbeat(c.api, c.clock, 'worker-2');
  const node = c.api.get('v1', 'Node', undefined, 'worker-2')!;
  c.api.update({ ...node, status: { conditions: nodeConditions(c.clock, 'True') } }, { subresource: 'status' });
  await c.clock.advance(6_000);
  const after = c.api.get('v1', 'Node', undefined, 'worker-2');
  t.is(conditions(after).find((x) => x.type === 'Ready')!.status, 'True');
  t.deepEqual(taints(after), []);
  await c.clock.advance(400_000);
  t.falsy(getPod(c.api, 'web-b')!.metadata.deletionTimestamp, 'the eviction was cancelled');
});

test('a kubelet reporting Ready=False gets the not-ready taints', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  createNode(c.api, c.clock, 'worker-2');
  heartbeat(c.api, c.clock, 'worker-1');
  heartbeat(c.api, c.clock, 'worker-2');
  startNodeLifecycleController(c.ctx, { gracePeriodMs: 20_000, monitorPeriodMs: 1_000 });
  const node = c.api.get('v1', 'Node', undefined, 'worker-2')!;
  c.api.update(
    { ...node, spec: { unschedulable: true }, status: { conditions: nodeConditions(c.clock, 'False') } },
    { subresource: 'status' },
  );
  c.api.update({ ...c.api.get('v1', 'Node', undefined, 'worker-2')!, spec: { unschedulable: true } });
  await c.clock.advance(1_500);
  t.deepEqual(
    taints(c.api.get('v1', 'Node', undefined, 'worker-2'))
      .map((x) => `${x.key}:${x.effect}`)
      .sort(),
    [
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/not-ready:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ],
  );
});

test('when every node is down (full disruption) no NoExecute taint is added', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'only');
  const stop = heartbeat(c.api, c.clock, 'only');
  startNodeLifecycleController(c.ctx);
  startTaintEvictionController(c.ctx);
  createPod(c.api, c.clock, { name: 'p', node: 'only', ip: '10.0.0.2' });
  await c.clock.advance(10_000);
  stop();
  await c.clock.advance(120_000);
  const node = c.api.get('v1', 'Node', undefined, 'only');
  t.is(conditions(node).find((x) => x.type === 'Ready')!.status, 'Unknown');
  t.deepEqual(
    taints(node).map((x) => x.effect),
    ['NoSchedule'],
  );
  await c.clock.advance(400_000);
  t.falsy(getPod(c.api, 'p')!.metadata.deletionTimestamp);
});
