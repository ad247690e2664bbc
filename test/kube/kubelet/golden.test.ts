import test from 'ava';
import { startKubelet } from '../../../src/kube/kubelet/index.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { simplePod, startTestCluster } from './helpers/cluster.ts';
import { assertGolden } from './helpers/golden.ts';

type Cluster = Awaited<ReturnType<typeof startTestCluster>>;

interface GoldenCase {
  name: string;
  input: KubeObject;
  /** What happens after the pod is bound, on the ManualClock. */
  run: (c: Cluster) => Promise<void>;
}

const cases: GoldenCase[] = [
  { name: 'pod-ready-without-probe', input: simplePod('web'), run: (c) => c.clock.advance(30_000) },
  {
    name: 'pod-readiness-probe-delay',
    input: simplePod('probed', {
      container: {
        readinessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 },
      },
    }),
    run: (c) => c.clock.advance(30_000),
  },
  {
    name: 'job-pod-succeeds',
    input: simplePod('job', {
      spec: { restartPolicy: 'Never' },
      annotations: { 'gitops-sandbox.io/run-seconds': '4' },
    }),
    run: (c) => c.clock.advance(30_000),
  },
  {
    name: 'job-pod-fails',
    input: simplePod('job-fail', {
      spec: { restartPolicy: 'Never' },
      annotations: { 'gitops-sandbox.io/exit-code': '2' },
    }),
    run: (c) => c.clock.advance(30_000),
  },
  {
    name: 'pod-crash-loop',
    input: simplePod('crasher', { annotations: { 'gitops-sandbox.io/crash': 'true' } }),
    run: (c) => c.clock.advance(120_000),
  },
  {
    name: 'pod-graceful-delete',
    input: simplePod('doomed'),
    async run(c) {
      await c.clock.advance(30_000);
      c.api.delete('v1', 'Pod', 'default', 'doomed');
      await c.clock.advance(1);
      c.snapshot();
      await c.clock.advance(30_000);
    },
  },
];

for (const golden of cases) {
  test(`golden: ${golden.name}`, async (t) => {
    await using c = await startTestCluster();
    await using _kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
    c.trace.length = 0;
    c.createBound(golden.input, 'worker-1');
    await golden.run(c);
    const name = golden.input.metadata.name!;
    assertGolden(t, golden.name, {
      input: golden.input,
      trace: c.traceLines().filter((line) => !line.includes('Lease/')),
      events: c.events(name),
      snapshots: c.snapshots.map(strip),
      output: strip(c.pod(name) ?? null),
    });
  });
}

test('golden: node registration and lease', async (t) => {
  await using c = await startTestCluster();
  await using _kubelet = await startKubelet({
    ctx: c.ctx,
    nodeName: 'control-plane',
    nodeIndex: 0,
    controlPlane: true,
    onStage: c.onStage,
  });
  await c.clock.advance(6 * 60_000);
  assertGolden(t, 'node-registration', {
    // The first few lease renewals show the 10 s rhythm; the rest repeat it.
    trace: c.traceLines().filter((line, index) => !line.includes('lease-renew') || index < 8),
    node: strip(c.node('control-plane') ?? null),
    lease: strip(c.api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', 'control-plane') ?? null),
  });
});

/** Drops what only says how the store worked (resourceVersion, managedFields), keeping what the kubelet wrote. */
function strip(object: KubeObject | null): unknown {
  if (!object) return null;
  const { managedFields: _m, resourceVersion: _r, ...metadata } = object.metadata;
  return { ...object, metadata };
}

test('a crashing container with a readiness probe is never Ready between restarts', async (t) => {
  await using c = await startTestCluster();
  await using _kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  c.createBound(
    simplePod('probed-crasher', {
      annotations: { 'gitops-sandbox.io/crash': 'true' },
      container: { readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } },
    }),
    'worker-1',
  );
  let everReady = false;
  let restarts = 0;
  for (let second = 0; second < 120; second++) {
    await c.clock.advance(1000);
    const status = (c.pod('probed-crasher')?.status ?? {}) as {
      containerStatuses?: { ready?: boolean; restartCount?: number }[];
    };
    everReady ||= status.containerStatuses?.some((s) => s.ready) ?? false;
    restarts = status.containerStatuses?.[0]?.restartCount ?? restarts;
  }
  t.true(restarts >= 2, 'the container restarted');
  t.false(everReady, 'its readiness probe never succeeded');
});
