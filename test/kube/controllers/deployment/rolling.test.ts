import test from 'ava';
import type { Deployment } from '../../../../src/kube/controllers/deployment/types.ts';
import type { ReplicaSet } from '../../../../src/kube/controllers/replicaset/types.ts';
import { isActive, isReady, startCluster, template } from '../replicaset/harness.ts';

function deployment(replicas: number, image: string, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template(image), ...extra },
  };
}

async function rollout(
  t: import('ava').ExecutionContext,
  replicas: number,
  bounds: { maxPods: number; minAvailable: number },
) {
  await using cluster = await startCluster({ readyAfterMs: 3000 });
  const { api } = cluster;
  api.create(deployment(replicas, 'nginx:1'));
  await cluster.advance(20_000);
  t.is(cluster.pods().filter(isReady).length, replicas);

  let maxPods = 0;
  let minAvailable = Number.POSITIVE_INFINITY;
  const stop = api.onChange((event) => {
    if (event.object.kind !== 'Pod') return;
    const pods = cluster.pods().filter(isActive);
    maxPods = Math.max(maxPods, pods.length);
    minAvailable = Math.min(minAvailable, pods.filter(isReady).length);
  });
  const d = api.get('apps/v1', 'Deployment', 'default', 'web') as Deployment;
  api.update({ ...d, spec: { ...d.spec, template: template('nginx:2') } });
  await cluster.advance(60_000);
  stop();

  const pods = cluster.pods().filter(isActive);
  t.is(pods.length, replicas);
  t.true(pods.every((p) => (p.spec['containers'] as { image: string }[])[0]!.image === 'nginx:2'));
  t.is(maxPods, bounds.maxPods);
  t.is(minAvailable, bounds.minAvailable);
  const done = api.get('apps/v1', 'Deployment', 'default', 'web') as Deployment;
  t.like(done.status, { replicas, updatedReplicas: replicas, availableReplicas: replicas, readyReplicas: replicas });
  t.is(done.status?.observedGeneration, done.metadata.generation);
  const progressing = done.status?.conditions?.find((c) => c.type === 'Progressing');
  t.is(progressing?.reason, 'NewReplicaSetAvailable');
  const sets = api.list('apps/v1', 'ReplicaSet', { namespace: 'default' }) as ReplicaSet[];
  t.deepEqual(
    sets.map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.spec.replicas]).sort(),
    [
      ['1', 0],
      ['2', replicas],
    ],
  );
  return cluster;
}

test('a 4-replica rollout keeps between 3 available and 5 pods at every instant', async (t) => {
  await rollout(t, 4, { maxPods: 5, minAvailable: 3 });
});

test('a 3-replica rollout keeps between 3 available and 4 pods at every instant', async (t) => {
  // 25% of 3: surge rounds up to 1, unavailable rounds down to 0.
  await rollout(t, 3, { maxPods: 4, minAvailable: 3 });
});
