import test from 'ava';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import {
  type ControllerRevision,
  type StatefulSet,
  startStatefulSetController,
} from '../../../../src/kube/controllers/statefulset/index.ts';
import { createNode, startCluster, type TestCluster } from '../support/cluster.ts';
import { eventMessages, finishDeletion, podNames, podsIn, runPod } from '../support/workloads.ts';

function createSet(c: TestCluster, spec: Record<string, unknown> = {}): StatefulSet {
  return c.api.create({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] },
      },
      ...spec,
    },
  }) as StatefulSet;
}
const getSet = (c: TestCluster) => c.api.get('apps/v1', 'StatefulSet', 'default', 'web') as StatefulSet;
const webPods = (c: TestCluster) => podsIn(c, 'app=web');
const image = (p: Pod) => (p.spec.containers[0] as { image: string }).image;

/** A kubelet and scheduler in miniature: binds new pods to n1, runs them Ready, finishes graceful deletions. */
async function kubelet(c: TestCluster, options: { run?: boolean; finish?: boolean } = {}): Promise<void> {
  for (const pod of webPods(c)) {
    if (pod.metadata.deletionTimestamp) {
      if (options.finish ?? true) finishDeletion(c.api, pod);
      continue;
    }
    if (!pod.spec.nodeName) c.api.bind('default', pod.metadata.name!, 'n1');
    if ((options.run ?? true) && pod.status?.phase === 'Pending') runPod(c, pod);
  }
  await c.clock.advance(1);
}

function setImage(c: TestCluster, tag: string, extra: Record<string, unknown> = {}): void {
  const set = getSet(c);
  c.api.update({
    ...set,
    spec: {
      ...set.spec,
      ...extra,
      template: { ...set.spec.template, spec: { containers: [{ name: 'nginx', image: `nginx:${tag}` }] } },
    },
  });
}

test('OrderedReady creates web-0, web-1, web-2 one at a time, each after the previous is Running and Ready', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c, {
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  });
  await c.clock.advance(1);
  t.deepEqual(podNames(webPods(c)), ['web-0']);
  const [web0] = webPods(c);
  const revision = getSet(c).status!.updateRevision!;
  t.regex(revision, /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  t.like(web0!.metadata.labels, {
    app: 'web',
    'statefulset.kubernetes.io/pod-name': 'web-0',
    'apps.kubernetes.io/pod-index': '0',
    'controller-revision-hash': revision,
  });
  t.like(web0!.spec, { hostname: 'web-0', subdomain: 'nginx' });
  t.deepEqual((web0!.spec['volumes'] as unknown[])[0], {
    name: 'www',
    persistentVolumeClaim: { claimName: 'www-web-0' },
  });
  const claim = c.api.get('v1', 'PersistentVolumeClaim', 'default', 'www-web-0');
  t.is((claim!['status'] as { phase: string }).phase, 'Pending', 'claims stay Pending: no provisioner binds them');
  t.deepEqual(claim!.metadata.labels, { app: 'web' });
  const rev = c.api.get('apps/v1', 'ControllerRevision', 'default', revision) as ControllerRevision;
  t.is(rev.revision, 1);
  t.is(rev.metadata.ownerReferences![0]!.name, 'web');

  await kubelet(c, { run: false });
  t.deepEqual(podNames(webPods(c)), ['web-0'], 'web-1 waits while web-0 is not Running and Ready');
  await kubelet(c);
  t.deepEqual(podNames(webPods(c)), ['web-0', 'web-1']);
  await kubelet(c);
  t.deepEqual(podNames(webPods(c)), ['web-0', 'web-1', 'web-2']);
  await kubelet(c);
  t.like(getSet(c).status, {
    replicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    currentReplicas: 3,
    updatedReplicas: 3,
    currentRevision: revision,
    updateRevision: revision,
    observedGeneration: 1,
    collisionCount: 0,
  });
  t.deepEqual(eventMessages(c, 'SuccessfulCreate').sort(), [
    'create Claim www-web-0 Pod web-0 in StatefulSet web success',
    'create Claim www-web-1 Pod web-1 in StatefulSet web success',
    'create Claim www-web-2 Pod web-2 in StatefulSet web success',
    'create Pod web-0 in StatefulSet web successful',
    'create Pod web-1 in StatefulSet web successful',
    'create Pod web-2 in StatefulSet web successful',
  ]);
});

test('OrderedReady scales down from the highest ordinal, one pod at a time', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c);
  for (let i = 0; i < 4; i++) await kubelet(c);
  c.api.mergePatch('apps/v1', 'StatefulSet', 'default', 'web', { spec: { replicas: 1 } });
  await c.clock.advance(1);
  t.deepEqual(
    webPods(c)
      .filter((p) => p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name),
    ['web-2'],
    'only web-2 is terminating',
  );
  await kubelet(c);
  t.deepEqual(
    webPods(c)
      .filter((p) => p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name),
    ['web-1'],
  );
  await kubelet(c);
  t.deepEqual(podNames(webPods(c)), ['web-0']);
  t.deepEqual(eventMessages(c, 'SuccessfulDelete'), [
    'delete Pod web-2 in StatefulSet web successful',
    'delete Pod web-1 in StatefulSet web successful',
  ]);
  t.like(getSet(c).status, { replicas: 1, readyReplicas: 1 });
});

test('Parallel creates every pod at once', async (t) => {
  await using c = await startCluster();
  startStatefulSetController(c.ctx);
  createSet(c, { podManagementPolicy: 'Parallel' });
  await c.clock.advance(1);
  t.deepEqual(podNames(webPods(c)), ['web-0', 'web-1', 'web-2']);
});

test('RollingUpdate replaces pods in reverse ordinal order, honours the partition, then completes', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c);
  for (let i = 0; i < 4; i++) await kubelet(c);
  const oldRevision = getSet(c).status!.currentRevision!;
  setImage(c, '1.27', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
  await c.clock.advance(1);
  const newRevision = getSet(c).status!.updateRevision!;
  t.not(newRevision, oldRevision);
  const order: string[] = [];
  for (let i = 0; i < 8; i++) {
    for (const p of webPods(c))
      if (p.metadata.deletionTimestamp && !order.includes(p.metadata.name!)) order.push(p.metadata.name!);
    await kubelet(c);
  }
  t.deepEqual(order, ['web-2', 'web-1'], 'web-0 is below the partition');
  const byName = Object.fromEntries(webPods(c).map((p) => [p.metadata.name, p]));
  t.is(image(byName['web-0']!), 'nginx:1.26');
  t.is(image(byName['web-1']!), 'nginx:1.27');
  t.is(byName['web-2']!.metadata.labels!['controller-revision-hash'], newRevision);
  t.like(getSet(c).status, {
    currentRevision: oldRevision,
    updateRevision: newRevision,
    currentReplicas: 1,
    updatedReplicas: 2,
  });
  const revisions = c.api.list('apps/v1', 'ControllerRevision', { namespace: 'default' }) as ControllerRevision[];
  t.deepEqual(
    revisions.map((r) => [r.metadata.name, r.revision]).sort((a, b) => Number(a[1]) - Number(b[1])),
    [
      [oldRevision, 1],
      [newRevision, 2],
    ],
  );

  c.api.mergePatch('apps/v1', 'StatefulSet', 'default', 'web', {
    spec: { updateStrategy: { rollingUpdate: { partition: 0 } } },
  });
  await c.clock.advance(1);
  t.truthy(webPods(c).find((p) => p.metadata.name === 'web-0')!.metadata.deletionTimestamp);
  for (let i = 0; i < 3; i++) await kubelet(c);
  t.true(webPods(c).every((p) => image(p) === 'nginx:1.27'));
  t.like(getSet(c).status, { currentRevision: newRevision, currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3 });
});

test('a rolling update waits for each replacement to be Ready before the next', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c);
  for (let i = 0; i < 4; i++) await kubelet(c);
  setImage(c, '1.27');
  await c.clock.advance(1);
  await kubelet(c, { run: false });
  t.is(image(webPods(c).find((p) => p.metadata.name === 'web-2')!), 'nginx:1.27');
  await kubelet(c, { run: false });
  t.falsy(
    webPods(c).find((p) => p.metadata.name === 'web-1')!.metadata.deletionTimestamp,
    'web-1 untouched while web-2 is not Ready',
  );
  await kubelet(c);
  t.truthy(webPods(c).find((p) => p.metadata.name === 'web-1')!.metadata.deletionTimestamp);
});

test('rolling back to an earlier template renumbers its revision instead of creating one', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c, { replicas: 1 });
  for (let i = 0; i < 2; i++) await kubelet(c);
  const first = getSet(c).status!.updateRevision!;
  setImage(c, '1.27');
  for (let i = 0; i < 3; i++) await kubelet(c);
  setImage(c, '1.26');
  for (let i = 0; i < 3; i++) await kubelet(c);
  t.is(getSet(c).status!.updateRevision, first);
  const rev = c.api.get('apps/v1', 'ControllerRevision', 'default', first) as ControllerRevision;
  t.is(rev.revision, 3);
  t.is(c.api.list('apps/v1', 'ControllerRevision', { namespace: 'default' }).length, 2);
});

test('OnDelete leaves pods alone until they are deleted, then recreates them at the update revision', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c, { updateStrategy: { type: 'OnDelete' } });
  for (let i = 0; i < 4; i++) await kubelet(c);
  setImage(c, '1.27');
  for (let i = 0; i < 3; i++) await kubelet(c);
  t.true(webPods(c).every((p) => image(p) === 'nginx:1.26'));
  t.is(getSet(c).status!.updatedReplicas, 0);
  c.api.delete('v1', 'Pod', 'default', 'web-1');
  for (let i = 0; i < 3; i++) await kubelet(c);
  t.is(image(webPods(c).find((p) => p.metadata.name === 'web-1')!), 'nginx:1.27');
  t.like(getSet(c).status, { updatedReplicas: 1, currentReplicas: 2 });
});

test('with MaxUnavailableStatefulSet on, maxUnavailable pods are replaced at once', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx, { maxUnavailableStatefulSet: true });
  createSet(c, { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } });
  for (let i = 0; i < 5; i++) await kubelet(c);
  setImage(c, '1.27');
  await c.clock.advance(1);
  t.deepEqual(
    webPods(c)
      .filter((p) => p.metadata.deletionTimestamp)
      .map((p) => p.metadata.name)
      .sort(),
    ['web-2', 'web-3'],
  );
});

test('a failed pod is deleted and recreated under the same name', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'n1');
  startStatefulSetController(c.ctx);
  createSet(c, { replicas: 1 });
  for (let i = 0; i < 2; i++) await kubelet(c);
  const before = webPods(c)[0]!;
  c.api.update(
    { ...before, status: { ...before.status, phase: 'Failed' } },
    { subresource: 'status', fieldManager: 'kubelet' },
  );
  for (let i = 0; i < 3; i++) await kubelet(c);
  const after = webPods(c)[0]!;
  t.is(after.metadata.name, 'web-0');
  t.not(after.metadata.uid, before.metadata.uid);
  t.deepEqual(eventMessages(c, 'RecreatingFailedPod'), ['StatefulSet default/web is recreating failed Pod web-0']);
});
