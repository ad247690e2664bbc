import test from 'ava';
import { startDisruptionController } from '../../../../src/kube/controllers/disruption/index.ts';
import { createPod, setPodStatus, startCluster } from '../support/cluster.ts';

test('PDB status: disruptionsAllowed follows healthy pods, InsufficientPods at 0', async (t) => {
  await using c = await startCluster();
  startDisruptionController(c.ctx);
  c.api.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
  });
  const pods = ['a', 'b', 'c'].map((n, i) =>
    createPod(c.api, c.clock, { name: n, labels: { app: 'web' }, node: 'n1', ip: `10.0.0.${i + 2}` }),
  );
  await c.clock.advance(1);
  const status = () => c.api.get('policy/v1', 'PodDisruptionBudget', 'default', 'web')!['status'];
  t.like(status(), {
    currentHealthy: 3,
    desiredHealthy: 2,
    expectedPods: 3,
    disruptionsAllowed: 1,
    observedGeneration: 1,
  });
  t.like((status() as { conditions: unknown[] }).conditions[0], {
    type: 'DisruptionAllowed',
    status: 'True',
    reason: 'SufficientPods',
  });
  setPodStatus(c.api, c.clock, pods[0]!, { phase: 'Running', ip: '10.0.0.2', ready: false });
  await c.clock.advance(1);
  t.like(status(), { currentHealthy: 2, disruptionsAllowed: 0 });
  t.like((status() as { conditions: unknown[] }).conditions[0], { status: 'False', reason: 'InsufficientPods' });
});

test('maxUnavailable counts the pods the owning controllers want', async (t) => {
  await using c = await startCluster();
  startDisruptionController(c.ctx);
  const rs = c.api.create({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  });
  c.api.create({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: 'default' },
    spec: { maxUnavailable: '34%', selector: { matchLabels: { app: 'web' } } },
  });
  const ownerReferences = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true },
  ];
  for (const n of ['a', 'b'])
    createPod(c.api, c.clock, { name: n, labels: { app: 'web' }, node: 'n1', ip: '10.0.0.9', ownerReferences });
  await c.clock.advance(1);
  // 3 expected, 34% of 3 rounds up to 2 unavailable → 1 must stay healthy; 2 are.
  t.like(c.api.get('policy/v1', 'PodDisruptionBudget', 'default', 'web')!['status'], {
    expectedPods: 3,
    desiredHealthy: 1,
    currentHealthy: 2,
    disruptionsAllowed: 1,
  });
});
