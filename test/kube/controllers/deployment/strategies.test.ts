import test from 'ava';
import type { Deployment } from '../../../../src/kube/controllers/deployment/types.ts';
import type { Pod, ReplicaSet } from '../../../../src/kube/controllers/replicaset/types.ts';
import { isActive, isReady, startCluster, template } from '../replicaset/harness.ts';

const REVISION = 'deployment.kubernetes.io/revision';

function deployment(replicas: number, image: string, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: template(image), ...extra },
  };
}

type Cluster = Awaited<ReturnType<typeof startCluster>>;

function setImage(cluster: Cluster, image: string, spec: Partial<Deployment['spec']> = {}): void {
  const d = cluster.api.get('apps/v1', 'Deployment', 'default', 'web') as Deployment;
  cluster.api.update({ ...d, spec: { ...d.spec, template: template(image), ...spec } });
}

function get(cluster: Cluster): Deployment {
  return cluster.api.get('apps/v1', 'Deployment', 'default', 'web') as Deployment;
}

function replicaSets(cluster: Cluster): ReplicaSet[] {
  return cluster.api.list('apps/v1', 'ReplicaSet', { namespace: 'default' }) as ReplicaSet[];
}

function image(pod: Pod): string {
  return (pod.spec['containers'] as { image: string }[])[0]!.image;
}

test('new ReplicaSet is named <deployment>-<pod-template-hash>, labelled, annotated, and announced', async (t) => {
  await using cluster = await startCluster();
  cluster.api.create(deployment(3, 'nginx:1'));
  await cluster.advance(10_000);
  const [rs] = replicaSets(cluster);
  const hash = rs!.metadata.labels!['pod-template-hash']!;
  t.is(rs!.metadata.name, `web-${hash}`);
  t.deepEqual(rs!.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
  t.like(rs!.metadata.annotations, {
    [REVISION]: '1',
    'deployment.kubernetes.io/desired-replicas': '3',
    'deployment.kubernetes.io/max-replicas': '4',
  });
  t.true(cluster.pods().every((p) => p.metadata.labels!['pod-template-hash'] === hash));
  t.true(
    cluster.events('ScalingReplicaSet').some((e) => e['message'] === `Scaled up replica set web-${hash} from 0 to 3`),
  );
  const d = get(cluster);
  t.like(d.status, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
  t.like(
    d.status?.conditions?.find((c) => c.type === 'Available'),
    { status: 'True', reason: 'MinimumReplicasAvailable' },
  );
});

test('Recreate: every old pod is gone before the first new one exists', async (t) => {
  await using cluster = await startCluster();
  cluster.api.create(deployment(3, 'nginx:1', { strategy: { type: 'Recreate' } }));
  await cluster.advance(10_000);
  let overlap = false;
  const stop = cluster.api.onChange((event) => {
    if (event.object.kind !== 'Pod') return;
    const images = new Set(cluster.pods().map(image));
    if (images.has('nginx:1') && images.has('nginx:2')) overlap = true;
  });
  setImage(cluster, 'nginx:2');
  await cluster.advance(20_000);
  stop();
  t.false(overlap);
  t.deepEqual(cluster.pods().filter(isReady).map(image), ['nginx:2', 'nginx:2', 'nginx:2']);
});

test('rollout undo: the old ReplicaSet is reused and gets a new highest revision', async (t) => {
  await using cluster = await startCluster();
  cluster.api.create(deployment(2, 'nginx:1'));
  await cluster.advance(10_000);
  const first = replicaSets(cluster)[0]!.metadata.name;
  setImage(cluster, 'nginx:2');
  await cluster.advance(20_000);
  // What kubectl rollout undo does: copy revision 1's template (minus pod-template-hash) into the Deployment.
  setImage(cluster, 'nginx:1');
  await cluster.advance(20_000);
  const sets = replicaSets(cluster);
  t.is(sets.length, 2);
  const reused = sets.find((rs) => rs.metadata.name === first)!;
  t.is(reused.metadata.annotations?.[REVISION], '3');
  t.is(reused.metadata.annotations?.['deployment.kubernetes.io/revision-history'], '1');
  t.is(reused.spec.replicas, 2);
  t.deepEqual(cluster.pods().filter(isActive).map(image), ['nginx:1', 'nginx:1']);
});

test('paused: template changes wait for resume; scaling still works', async (t) => {
  await using cluster = await startCluster();
  cluster.api.create(deployment(2, 'nginx:1'));
  await cluster.advance(10_000);
  setImage(cluster, 'nginx:2', { paused: true, replicas: 3 });
  await cluster.advance(20_000);
  t.is(replicaSets(cluster).length, 1);
  t.deepEqual(cluster.pods().map(image), ['nginx:1', 'nginx:1', 'nginx:1']);
  t.like(
    get(cluster).status?.conditions?.find((c) => c.type === 'Progressing'),
    {
      status: 'Unknown',
      reason: 'DeploymentPaused',
    },
  );
  const d = get(cluster);
  cluster.api.update({ ...d, spec: { ...d.spec, paused: false } });
  await cluster.advance(30_000);
  t.deepEqual(cluster.pods().filter(isActive).map(image), ['nginx:2', 'nginx:2', 'nginx:2']);
  t.is(get(cluster).status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'NewReplicaSetAvailable');
});

test('ProgressDeadlineExceeded when new pods never become ready, at the deadline', async (t) => {
  await using cluster = await startCluster({ neverReady: (pod) => image(pod) === 'broken:1' });
  cluster.api.create(deployment(2, 'nginx:1', { progressDeadlineSeconds: 30 }));
  await cluster.advance(10_000);
  setImage(cluster, 'broken:1');
  await cluster.advance(20_000);
  t.is(get(cluster).status?.conditions?.find((c) => c.type === 'Progressing')?.reason, 'ReplicaSetUpdated');
  await cluster.advance(15_000);
  const progressing = get(cluster).status?.conditions?.find((c) => c.type === 'Progressing');
  t.like(progressing, { status: 'False', reason: 'ProgressDeadlineExceeded' });
  t.regex(progressing!.message!, /has timed out progressing/);
  // Old pods stay: maxUnavailable 0 of 2 → nothing old is removed while new pods are not available.
  t.is(cluster.pods().filter(isReady).length, 2);
});

test('revisionHistoryLimit keeps that many old ReplicaSets', async (t) => {
  await using cluster = await startCluster();
  cluster.api.create(deployment(1, 'nginx:1', { revisionHistoryLimit: 1 }));
  await cluster.advance(10_000);
  for (const tag of ['2', '3', '4']) {
    setImage(cluster, `nginx:${tag}`);
    await cluster.advance(15_000);
  }
  const sets = replicaSets(cluster);
  t.deepEqual(sets.map((rs) => rs.metadata.annotations?.[REVISION]).sort(), ['3', '4']);
});

test('scaling mid-rollout shares the new replicas proportionally', async (t) => {
  await using cluster = await startCluster({ neverReady: (pod) => image(pod) === 'broken:1' });
  cluster.api.create(
    deployment(10, 'nginx:1', {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } },
    }),
  );
  await cluster.advance(10_000);
  setImage(cluster, 'broken:1');
  await cluster.advance(10_000);
  const before = replicaSets(cluster)
    .map((rs) => rs.spec.replicas)
    .sort((a, b) => a! - b!);
  t.deepEqual(before, [5, 8]); // the docs' example: 8 old, 5 new (13 = 10 + maxSurge 3)
  const d = get(cluster);
  cluster.api.update({ ...d, spec: { ...d.spec, replicas: 15 } });
  await cluster.advance(5_000);
  const after = replicaSets(cluster)
    .map((rs) => rs.spec.replicas)
    .sort((a, b) => a! - b!);
  t.deepEqual(after, [7, 11]); // 5 more to add (18 allowed): 3 to the old, 2 to the new, as the docs describe
});
