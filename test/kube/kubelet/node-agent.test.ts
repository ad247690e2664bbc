import test from 'ava';
import { startKubelet, startKubelets } from '../../../src/kube/kubelet/index.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { simplePod, startTestCluster } from './helpers/cluster.ts';

type Condition = { type: string; status: string; lastTransitionTime: string; lastHeartbeatTime?: string };
const conditions = (o: KubeObject | undefined) => (o?.['status'] as { conditions?: Condition[] })?.conditions ?? [];
const renewTime = (lease: KubeObject | undefined) => (lease?.['spec'] as { renewTime?: string } | undefined)?.renewTime;

test('startKubelets: control-plane tainted NoSchedule plus workers spread over zones, each with a Lease', async (t) => {
  await using c = await startTestCluster();
  await using kubelets = await startKubelets({ ctx: c.ctx, nodes: 4 });
  t.deepEqual(
    kubelets.all.map((k) => k.nodeName),
    ['control-plane', 'worker-1', 'worker-2', 'worker-3'],
  );
  const nodes = ['control-plane', 'worker-1', 'worker-2', 'worker-3'].map((n) => c.node(n)!);
  t.deepEqual(
    nodes.map((n) => n.metadata.labels!['topology.kubernetes.io/zone']),
    ['zone-a', 'zone-a', 'zone-b', 'zone-a'],
  );
  t.deepEqual((nodes[0]!['spec'] as { taints: unknown }).taints, [
    { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  ]);
  t.is(nodes[0]!.metadata.labels!['node-role.kubernetes.io/control-plane'], '');
  t.is((nodes[1]!['spec'] as { taints?: unknown }).taints, undefined);
  t.deepEqual(
    nodes.map((n) => (n['spec'] as { podCIDR: string }).podCIDR),
    ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24', '10.244.3.0/24'],
  );
  const status = nodes[2]!['status'] as Record<string, Record<string, unknown>>;
  t.like(status['allocatable'], { cpu: '8', pods: '110' });
  t.like(status['nodeInfo'], { kubeletVersion: 'v1.32.2', operatingSystem: 'linux', architecture: 'amd64' });
  t.deepEqual(status['addresses'], [
    { type: 'InternalIP', address: '172.18.0.4' },
    { type: 'Hostname', address: 'worker-2' },
  ] as unknown as Record<string, unknown>);
  t.deepEqual(
    conditions(nodes[2]).map((x) => `${x.type}=${x.status}`),
    ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True'],
  );
  const lease = c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'worker-2')!;
  t.like(lease['spec'] as object, { holderIdentity: 'worker-2', leaseDurationSeconds: 40 });
  t.like(lease.metadata.ownerReferences![0]!, { kind: 'Node', name: 'worker-2', uid: nodes[2]!.metadata.uid! });
});

test('the lease is renewed every 10 s (±4 %) and node status reposted every 5 min', async (t) => {
  await using c = await startTestCluster();
  const t0 = c.clock.now();
  await using _kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  await c.clock.advance(11 * 60_000);
  const renewals = c.trace.filter((f) => f.stage === 'lease-renew').map((f) => f.at);
  const gaps = renewals.slice(1).map((at, i) => at - renewals[i]!);
  t.true(
    gaps.every((g) => g >= 10_000 && g <= 10_400),
    gaps.join(),
  );
  t.true(renewals.length >= 63 && renewals.length <= 66, String(renewals.length));
  const reports = c.trace.filter((f) => f.stage === 'node-status-report').map((f) => (f.at - t0) / 1000);
  t.is(reports.length, 2, reports.join());
  t.true(reports[0]! >= 300 && reports[0]! <= 311, reports.join());
});

test('stop freezes the node and its pods (nothing written); start resumes heartbeats, Ready, and pending work', async (t) => {
  await using c = await startTestCluster();
  await using kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  c.createBound(simplePod('web'), 'worker-1');
  c.createBound(simplePod('late'), 'worker-1');
  await c.clock.advance(30_000);

  kubelet.stop();
  t.is(kubelet.state, 'stopped');
  const leaseBefore = c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'worker-1')!;
  const webBefore = c.pod('web')!;
  // While it is off: the pod is deleted, a new one is bound, and the node lifecycle controller marks it Unknown.
  c.api.delete('v1', 'Pod', 'default', 'web');
  c.createBound(simplePod('new'), 'worker-1');
  const node = c.node('worker-1')!;
  const status = node['status'] as { conditions: Condition[] };
  c.api.update(
    {
      ...node,
      status: {
        ...status,
        conditions: status.conditions.map((x) =>
          x.type === 'Ready'
            ? { ...x, status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: '2026-01-01T00:01:00Z' }
            : x,
        ),
      },
    },
    { subresource: 'status', fieldManager: 'node-controller' },
  );
  const firedBefore = c.trace.length;
  await c.clock.advance(120_000);
  t.is(c.trace.length, firedBefore, 'no stage fires while powered off');
  t.is(renewTime(c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'worker-1')), renewTime(leaseBefore));
  const frozen = c.pod('web')!;
  t.truthy(frozen.metadata.deletionTimestamp, 'Terminating');
  t.deepEqual(frozen['status'], webBefore['status'], 'pod status frozen');
  t.is((c.pod('new')!['status'] as { phase: string; startTime?: string }).startTime, undefined);

  const restartedAt = c.clock.now();
  kubelet.start();
  await c.clock.advance(1);
  t.is(
    Date.parse(renewTime(c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'worker-1'))!),
    restartedAt,
  );
  const ready = conditions(c.node('worker-1')).find((x) => x.type === 'Ready')!;
  t.is(ready.status, 'True');
  t.is(Date.parse(ready.lastTransitionTime), Math.floor(restartedAt / 1000) * 1000);
  await c.clock.advance(30_000);
  t.is(c.pod('web'), undefined, 'the terminating pod was finished and deleted');
  t.is((c.pod('new')!['status'] as { phase: string }).phase, 'Running');
  t.is((c.pod('late')!['status'] as { phase: string }).phase, 'Running');
  t.true(c.events('web').includes('Normal Killing: Stopping container web'));
});

test('a deleted Node is no longer managed: no lease renewals, no pod work', async (t) => {
  await using c = await startTestCluster();
  await using kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  await c.clock.advance(15_000);
  c.api.delete('v1', 'Node', undefined, 'worker-1');
  t.is(kubelet.state, 'detached');
  const fired = c.trace.length;
  c.createBound(simplePod('orphan'), 'worker-1');
  await c.clock.advance(60_000);
  t.is(c.trace.length, fired);
  t.is(c.node('worker-1'), undefined);
});

test('a pod annotated to fail readiness records Unhealthy each period and never becomes Ready', async (t) => {
  await using c = await startTestCluster();
  await using _kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1 });
  c.createBound(
    simplePod('sick', {
      annotations: { 'gitops-sandbox.io/readiness': 'fail' },
      container: { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } },
    }),
    'worker-1',
  );
  await c.clock.advance(60_000);
  const pod = c.pod('sick')!;
  t.is(conditions(pod).find((x) => x.type === 'Ready')!.status, 'False');
  const unhealthy = c.events('sick').find((e) => e.startsWith('Warning Unhealthy'));
  t.regex(
    unhealthy ?? '',
    /^Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 \(x1[12]\)$/,
  );

  // Healed: the next probe succeeds.
  const { 'gitops-sandbox.io/readiness': _gone, ...annotations } = pod.metadata.annotations!;
  c.api.update({ ...pod, metadata: { ...pod.metadata, annotations } });
  await c.clock.advance(5_000);
  t.is(conditions(c.pod('sick')).find((x) => x.type === 'Ready')!.status, 'True');
});

test('SIGTERM ignored: the container is killed at the grace period with exit 137, then the pod is deleted', async (t) => {
  await using c = await startTestCluster();
  await using _kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  c.createBound(
    simplePod('stubborn', {
      annotations: { 'gitops-sandbox.io/sigterm-seconds': '600' },
      spec: { terminationGracePeriodSeconds: 20 },
    }),
    'worker-1',
  );
  await c.clock.advance(10_000);
  const terminal: KubeObject[] = [];
  const unsubscribe = c.api.onChange((e) => {
    if (e.object.kind === 'Pod' && (e.object['status'] as { phase: string }).phase === 'Failed')
      terminal.push(e.object);
  });
  const deletedAt = c.clock.now();
  c.api.delete('v1', 'Pod', 'default', 'stubborn');
  await c.clock.advance(19_000);
  t.truthy(c.pod('stubborn'), 'still terminating before the grace period');
  await c.clock.advance(2_000);
  unsubscribe();
  t.is(c.pod('stubborn'), undefined);
  const stopped = c.trace.find((f) => f.stage === 'containers-stopped')!;
  t.is(stopped.at - deletedAt, 20_000);
  const terminated = (terminal[0]!['status'] as { containerStatuses: { state: { terminated: unknown } }[] })
    .containerStatuses[0]!.state.terminated;
  t.like(terminated as object, { exitCode: 137, reason: 'Error' });
});
