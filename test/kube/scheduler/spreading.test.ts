import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { CONTROL_PLANE_TAINT, type Harness, harness, node, nodeNameOf, pod } from './support.ts';

function replicaSet(h: Harness, name: string): KubeObject {
  return h.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
}

function replicas(h: Harness, rs: KubeObject, count: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${rs.metadata.name}-${i}`;
    h.api.create(
      pod(name, { labels: { app: rs.metadata.name! }, ownerUid: rs.metadata.uid!, ownerName: rs.metadata.name! }),
    );
    names.push(name);
  }
  return names;
}

function histogram(h: Harness, names: string[], by: (node: string) => string = (n) => n): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of names) {
    const where = by(nodeNameOf(h.pod(n)) ?? 'none');
    out[where] = (out[where] ?? 0) + 1;
  }
  return out;
}

for (const seed of [1, 2, 3, 4, 5]) {
  test(`3 replicas on 2 workers land 2 + 1 (seed ${seed})`, async (t) => {
    await using h = await harness({ seed });
    h.api.create(node('control-plane', { taints: [CONTROL_PLANE_TAINT] }));
    h.api.create(node('worker-1'));
    h.api.create(node('worker-2'));
    const names = replicas(h, replicaSet(h, 'web'), 3);
    await h.settle();
    t.deepEqual(Object.values(histogram(h, names)).sort(), [1, 2]);
    t.false('control-plane' in histogram(h, names));
  });
}

test('replicas spread across zones first, then across the nodes of each zone', async (t) => {
  await using h = await harness();
  const zoneOf: Record<string, string> = {};
  for (const [name, zone] of [
    ['a1', 'zone-a'],
    ['a2', 'zone-a'],
    ['a3', 'zone-a'],
    ['b1', 'zone-b'],
  ]) {
    h.api.create(node(name!, { labels: { 'topology.kubernetes.io/zone': zone! } }));
    zoneOf[name!] = zone!;
  }
  const rs = replicaSet(h, 'api');
  const two = replicas(h, rs, 2);
  await h.settle();
  t.deepEqual(
    histogram(h, two, (n) => zoneOf[n]!),
    { 'zone-a': 1, 'zone-b': 1 },
  );
});

test('another workload does not count against a workload’s spread', async (t) => {
  await using h = await harness();
  h.api.create(node('worker-1'));
  h.api.create(node('worker-2'));
  const other = replicas(h, replicaSet(h, 'other'), 4);
  await h.settle();
  t.deepEqual(Object.values(histogram(h, other)), [2, 2]);
  const web = replicas(h, replicaSet(h, 'web'), 2);
  await h.settle();
  t.deepEqual(Object.values(histogram(h, web)), [1, 1]);
});
