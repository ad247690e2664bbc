import test from 'ava';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import { startPodGcController } from '../../../../src/kube/controllers/podgc/index.ts';
import { createNode, createPod, getPod, setPodStatus, startCluster } from '../support/cluster.ts';

test('pods of a deleted node are marked Failed and force-deleted after the 40 s quarantine, terminating ones too', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  createNode(c.api, c.clock, 'worker-2');
  createPod(c.api, c.clock, { name: 'on-gone', node: 'worker-1', ip: '10.0.0.1' });
  createPod(c.api, c.clock, { name: 'on-healthy', node: 'worker-2', ip: '10.0.0.2' });
  const kept = createPod(c.api, c.clock, { name: 'kept', node: 'worker-1', ip: '10.0.0.3' });
  // A finalizer holds one pod in storage so the status PodGC wrote can be read back.
  c.api.update({ ...kept, metadata: { ...kept.metadata, finalizers: ['example.com/hold'] } });
  createPod(c.api, c.clock, { name: 'terminating', node: 'worker-1', ip: '10.0.0.4' });
  c.api.delete('v1', 'Pod', 'default', 'terminating');
  t.truthy(getPod(c.api, 'terminating')?.metadata.deletionTimestamp, 'a bound pod terminates gracefully');

  startPodGcController(c.ctx);
  await c.clock.advance(1);
  c.api.delete('v1', 'Node', undefined, 'worker-1');
  await c.clock.advance(20_000);
  t.truthy(getPod(c.api, 'on-gone'), 'the node is quarantined first');
  await c.clock.advance(20_000);
  t.truthy(getPod(c.api, 'on-gone'), 'still within 40 s of being seen missing');
  await c.clock.advance(20_000);
  t.is(getPod(c.api, 'on-gone'), undefined);
  t.is(getPod(c.api, 'terminating'), undefined, 'force-deleted');
  t.truthy(getPod(c.api, 'on-healthy'));
  const held = getPod(c.api, 'kept')!;
  t.truthy(held.metadata.deletionTimestamp);
  t.is(held.status!.phase, 'Failed');
  t.like(
    held.status!.conditions!.find((x) => x.type === 'DisruptionTarget'),
    { status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' },
  );
});

test('a node that comes back within the quarantine keeps its pods', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  createPod(c.api, c.clock, { name: 'p', node: 'worker-1', ip: '10.0.0.1' });
  startPodGcController(c.ctx);
  c.api.delete('v1', 'Node', undefined, 'worker-1');
  await c.clock.advance(20_000);
  createNode(c.api, c.clock, 'worker-1');
  await c.clock.advance(120_000);
  t.truthy(getPod(c.api, 'p'));
});

test('terminated pods beyond the threshold are deleted, oldest first', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  const names = ['a', 'b', 'c', 'd'];
  for (const name of names) {
    const pod = createPod(c.api, c.clock, { name, node: 'worker-1' }) as Pod;
    setPodStatus(c.api, c.clock, pod, { phase: name === 'd' ? 'Failed' : 'Succeeded', ready: false });
    await c.clock.advance(1_000);
  }
  createPod(c.api, c.clock, { name: 'running', node: 'worker-1', ip: '10.0.0.9' });
  startPodGcController(c.ctx, { terminatedPodThreshold: 2 });
  await c.clock.advance(1);
  t.deepEqual(
    c.api
      .list('v1', 'Pod', { namespace: 'default' })
      .map((p) => p.metadata.name)
      .sort(),
    ['c', 'd', 'running'],
  );
});

test('terminating pods on an out-of-service NotReady node are force-deleted', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  createPod(c.api, c.clock, { name: 'p', node: 'worker-1', ip: '10.0.0.1' });
  c.api.delete('v1', 'Pod', 'default', 'p');
  startPodGcController(c.ctx);
  await c.clock.advance(1);
  t.truthy(getPod(c.api, 'p'), 'a Ready node finishes its own deletions');
  const node = c.api.get('v1', 'Node', undefined, 'worker-1')!;
  const status = node['status'] as { conditions: { type: string; status: string }[] };
  c.api.update(
    {
      ...node,
      status: {
        ...status,
        conditions: status.conditions.map((x) => (x.type === 'Ready' ? { ...x, status: 'Unknown' } : x)),
      },
    },
    { subresource: 'status' },
  );
  c.api.mergePatch('v1', 'Node', undefined, 'worker-1', {
    spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] },
  });
  await c.clock.advance(20_000);
  t.is(getPod(c.api, 'p'), undefined);
});
