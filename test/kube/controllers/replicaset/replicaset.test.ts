import test from 'ava';
import { slowStartBatch } from '../../../../src/kube/controllers/replicaset/slow-start.ts';
import type { Pod, ReplicaSet } from '../../../../src/kube/controllers/replicaset/types.ts';
import { compareForDeletion } from '../../../../src/kube/controllers/replicaset/victim-order.ts';
import { isActive, startCluster, template } from './harness.ts';

function replicaSet(replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'rs', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1') },
  };
}

test('slow start: batches of 1, 2, 4, … stopping after the first failing batch', (t) => {
  let calls = 0;
  t.deepEqual(
    slowStartBatch(10, 1, () => void calls++),
    { successes: 10, error: undefined },
  );
  t.is(calls, 10);
  calls = 0;
  const result = slowStartBatch(20, 1, () => {
    calls++;
    if (calls > 4) throw new Error('quota');
  });
  // Batches 1 and 2 succeed; the batch of 4 has one failure, so the batch of 8 is never tried.
  t.is(calls, 7);
  t.is(result.successes, 4);
});

test('creates pods from the template with owner reference, generateName and events; status counts them', async (t) => {
  await using cluster = await startCluster({ deployments: false });
  const rs = cluster.api.create(replicaSet(3));
  await cluster.advance(5_000);
  const pods = cluster.pods();
  t.is(pods.length, 3);
  for (const pod of pods) {
    t.true(pod.metadata.name!.startsWith('rs-'));
    t.deepEqual(pod.metadata.ownerReferences, [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'rs',
        uid: rs.metadata.uid!,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  }
  t.is(cluster.events('SuccessfulCreate').length, 3);
  const status = (cluster.api.get('apps/v1', 'ReplicaSet', 'default', 'rs') as ReplicaSet).status;
  t.like(status, {
    replicas: 3,
    fullyLabeledReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    observedGeneration: 1,
  });
});

test('adopts a matching orphan, releases a pod whose labels stop matching, deletes the surplus when it matches again', async (t) => {
  await using cluster = await startCluster({ deployments: false });
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'orphan', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1' }] },
  });
  cluster.api.create(replicaSet(2));
  await cluster.advance(5_000);
  const orphan = cluster.pods().find((p) => p.metadata.name === 'orphan')!;
  t.is(orphan.metadata.ownerReferences?.[0]?.name, 'rs');
  t.is(cluster.pods().length, 2);

  cluster.api.update({ ...orphan, metadata: { ...orphan.metadata, labels: { app: 'other' } } });
  await cluster.advance(5_000);
  const released = cluster.pods().find((p) => p.metadata.name === 'orphan')!;
  t.deepEqual(released.metadata.ownerReferences ?? [], []);
  t.is(cluster.pods('default', 'app=web').length, 2);

  const relabelled = cluster.pods().find((p) => p.metadata.name === 'orphan')!;
  cluster.api.update({ ...relabelled, metadata: { ...relabelled.metadata, labels: { app: 'web' } } });
  await cluster.advance(1_000);
  t.is(cluster.pods('default', 'app=web').filter(isActive).length, 2, 'surplus removed after re-adoption');
});

test('terminating pods are replaced at once', async (t) => {
  await using cluster = await startCluster({ deployments: false, terminateAfterMs: 30_000 });
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'scheduled', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1' }] },
  });
  cluster.api.create(replicaSet(1));
  await cluster.advance(5_000);
  cluster.api.delete('v1', 'Pod', 'default', 'scheduled');
  await cluster.advance(200);
  const pods = cluster.pods();
  t.is(pods.length, 2);
  t.truthy(pods.find((p) => p.metadata.name === 'scheduled')?.metadata.deletionTimestamp);
  t.is(pods.filter(isActive).length, 1);
});

function pod(
  name: string,
  fields: {
    node?: string;
    phase?: string;
    ready?: boolean;
    readySince?: number;
    cost?: string;
    restarts?: number;
    created?: number;
  },
): Pod {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: name,
      creationTimestamp: iso(fields.created ?? 0),
      ...(fields.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': fields.cost } } : {}),
    },
    spec: { ...(fields.node ? { nodeName: fields.node } : {}) },
    status: {
      phase: fields.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: fields.ready === false ? 'False' : 'True',
          lastTransitionTime: iso(fields.readySince ?? 0),
        },
      ],
      containerStatuses: [{ restartCount: fields.restarts ?? 0 }],
    },
  };
}

test('victim order: unscheduled, Pending < Unknown < Running, not ready, cost, doubled-up, ready less time, restarts, newer', (t) => {
  const now = Date.UTC(2026, 0, 1);
  const hour = 3_600_000;
  const base = { node: 'a', readySince: now - 10 * hour, created: now - 20 * hour };
  const cases: [string, Parameters<typeof pod>[1], number, Parameters<typeof pod>[1], number][] = [
    ['unscheduled first', { ...base, node: '' }, 0, base, 0],
    ['pending first', { ...base, phase: 'Pending' }, 0, { ...base, phase: 'Unknown' }, 0],
    ['unknown before running', { ...base, phase: 'Unknown' }, 0, base, 0],
    ['not ready first', { ...base, ready: false }, 0, base, 0],
    ['lower deletion cost first', { ...base, cost: '-5' }, 0, { ...base, cost: '10' }, 0],
    ['more pods on its node first', base, 3, base, 1],
    ['ready for less time first', { ...base, readySince: now - hour }, 0, base, 0],
    ['more restarts first', { ...base, restarts: 4 }, 0, base, 0],
    ['newer first', { ...base, created: now - hour }, 0, base, 0],
  ];
  for (const [name, a, rankA, b, rankB] of cases) {
    const order = compareForDeletion({ pod: pod('a', a), rank: rankA }, { pod: pod('b', b), rank: rankB }, now);
    t.true(order < 0, name);
    const reverse = compareForDeletion({ pod: pod('b', b), rank: rankB }, { pod: pod('a', a), rank: rankA }, now);
    t.true(reverse > 0, `${name} (reversed)`);
  }
});

test('scaling down deletes not-ready pods before ready ones', async (t) => {
  await using cluster = await startCluster({ deployments: false, neverReady: (p) => p.metadata.name === 'slow' });
  cluster.api.create(replicaSet(2));
  await cluster.advance(5_000);
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'slow', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1' }] },
  });
  await cluster.advance(1_000);
  t.is(cluster.pods().length, 2);
  t.false(cluster.pods().some((p) => p.metadata.name === 'slow'));
});
