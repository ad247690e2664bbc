import test from 'ava';
import { harness, node, pod } from './support.ts';

test('10,000 pods over 1,000 nodes schedule in seconds, spread evenly', async (t) => {
  await using h = await harness();
  for (let i = 0; i < 1000; i++) {
    h.api.create(node(`node-${i}`, { labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } }));
  }
  const rs = h.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'big', namespace: 'default' },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'big' } },
      template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
  for (let i = 0; i < 10_000; i++) {
    h.api.create(pod(`big-${i}`, { cpu: '10m', memory: '16Mi', labels: { app: 'big' }, ownerUid: rs.metadata.uid! }));
  }
  const started = performance.now();
  await h.clock.advance(0);
  while (h.scheduler.queueStats()['active']! + h.scheduler.queueStats()['in-flight']! > 0) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  const perNode = new Map<string, number>();
  for (const p of h.api.list('v1', 'Pod', { namespace: 'default' })) {
    const nodeName = (p['spec'] as { nodeName?: string }).nodeName;
    t.truthy(nodeName);
    perNode.set(nodeName!, (perNode.get(nodeName!) ?? 0) + 1);
  }
  t.log(
    `scheduled 10,000 pods on 1,000 nodes in ${seconds.toFixed(1)} s; per node ${Math.min(...perNode.values())}–${Math.max(...perNode.values())}`,
  );
  t.true(seconds < 30);
  t.true(Math.max(...perNode.values()) - Math.min(...perNode.values()) <= 4);
});
