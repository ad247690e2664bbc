import test from 'ava';
import type { KubeApi } from '../../../../src/kube/apiserver/kube-api.ts';
import { startEndpointSliceController } from '../../../../src/kube/controllers/endpointslice/index.ts';
import type { EndpointSlice } from '../../../../src/kube/controllers/endpointslice/plan-slices.ts';
import { createNode, createPod, setPodStatus, startCluster } from '../support/cluster.ts';

function slicesOf(api: KubeApi, service: string): EndpointSlice[] {
  return api.list('discovery.k8s.io/v1', 'EndpointSlice', {
    namespace: 'default',
    labelSelector: `kubernetes.io/service-name=${service}`,
  }) as EndpointSlice[];
}

function createService(api: KubeApi, name: string, spec: Record<string, unknown> = {}) {
  return api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { team: 'a' } },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'web' }], ...spec },
  });
}

test('a Service gets a labelled, owned slice with named ports resolved, zone and node', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1', { 'topology.kubernetes.io/zone': 'z1' });
  startEndpointSliceController(c.ctx);
  const svc = createService(c.api, 'web');
  await c.clock.advance(1);
  const placeholder = slicesOf(c.api, 'web');
  t.is(placeholder.length, 1, 'placeholder slice for a Service with no pods');
  t.deepEqual(placeholder[0]!.endpoints ?? [], []);

  createPod(c.api, c.clock, {
    name: 'web-1',
    labels: { app: 'web' },
    node: 'worker-1',
    ip: '10.0.1.5',
    ports: [{ name: 'web', containerPort: 8080 }],
  });
  createPod(c.api, c.clock, { name: 'other', labels: { app: 'other' }, node: 'worker-1', ip: '10.0.1.6' });
  createPod(c.api, c.clock, { name: 'web-noip', labels: { app: 'web' }, node: 'worker-1' });
  await c.clock.advance(1);
  const [slice, ...rest] = slicesOf(c.api, 'web');
  t.is(rest.length, 0);
  t.is(slice!.metadata.labels!['endpointslice.kubernetes.io/managed-by'], 'endpointslice-controller.k8s.io');
  t.is(slice!.metadata.labels!['team'], 'a');
  t.is(slice!.metadata.ownerReferences![0]!.uid, svc.metadata.uid!);
  t.is(slice!.addressType, 'IPv4');
  t.deepEqual(slice!.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  t.is(slice!.endpoints!.length, 1);
  t.like(slice!.endpoints![0], {
    addresses: ['10.0.1.5'],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName: 'worker-1',
    zone: 'z1',
    targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' },
  });
});

test('endpoint conditions follow the pod: not ready, ready, terminating, succeeded', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  startEndpointSliceController(c.ctx);
  createService(c.api, 'web', { ports: [{ port: 80, targetPort: 8080 }] });
  const pod = createPod(c.api, c.clock, {
    name: 'web-1',
    labels: { app: 'web' },
    node: 'worker-1',
    ip: '10.0.1.5',
    ready: false,
  });
  await c.clock.advance(1);
  const conditions = () =>
    slicesOf(c.api, 'web')
      .flatMap((s) => s.endpoints ?? [])
      .map((e) => e.conditions);
  t.deepEqual(conditions(), [{ ready: false, serving: false, terminating: false }]);

  setPodStatus(c.api, c.clock, pod, { phase: 'Running', ip: '10.0.1.5', ready: true });
  await c.clock.advance(1);
  t.deepEqual(conditions(), [{ ready: true, serving: true, terminating: false }]);

  // Scheduled pods are deleted gracefully: Terminating, still serving while Ready.
  c.api.delete('v1', 'Pod', 'default', 'web-1');
  await c.clock.advance(1);
  t.deepEqual(conditions(), [{ ready: false, serving: true, terminating: true }]);

  const other = createPod(c.api, c.clock, { name: 'job-1', labels: { app: 'web' }, node: 'worker-1', ip: '10.0.1.7' });
  await c.clock.advance(1);
  t.is(conditions().length, 2);
  setPodStatus(c.api, c.clock, other, { phase: 'Succeeded', ip: '10.0.1.7', ready: false });
  await c.clock.advance(1);
  t.is(conditions().length, 1, 'Succeeded pods leave the slice');
});

test('publishNotReadyAddresses makes every endpoint ready', async (t) => {
  await using c = await startCluster();
  startEndpointSliceController(c.ctx);
  createService(c.api, 'db', { publishNotReadyAddresses: true, clusterIP: 'None', ports: [{ port: 5432 }] });
  createPod(c.api, c.clock, { name: 'db-0', labels: { app: 'db' }, ip: '10.0.1.9', ready: false });
  await c.clock.advance(1);
  const [slice] = slicesOf(c.api, 'db');
  t.deepEqual(slice!.endpoints![0]!.conditions, { ready: true, serving: true, terminating: false });
  t.is(slice!.metadata.labels!['service.kubernetes.io/headless'], '');
});

test('at most maxEndpointsPerSlice endpoints per slice; slices shrink back', async (t) => {
  await using c = await startCluster();
  startEndpointSliceController(c.ctx, { maxEndpointsPerSlice: 3 });
  createService(c.api, 'web', { ports: [{ port: 80 }] });
  for (let i = 0; i < 7; i++)
    createPod(c.api, c.clock, { name: `web-${i}`, labels: { app: 'web' }, ip: `10.0.0.${i + 10}` });
  await c.clock.advance(1);
  const sizes = () =>
    slicesOf(c.api, 'web')
      .map((s) => (s.endpoints ?? []).length)
      .sort();
  t.deepEqual(sizes(), [1, 3, 3]);
  for (let i = 0; i < 7; i++) c.api.delete('v1', 'Pod', 'default', `web-${i}`);
  await c.clock.advance(1);
  t.deepEqual(sizes(), [0], 'one placeholder left');
});
