import test from 'ava';
import { type DaemonSet, startDaemonSetController } from '../../../../src/kube/controllers/daemonset/index.ts';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import { createNode, startCluster, type TestCluster } from '../support/cluster.ts';
import { eventMessages, finishDeletion, podsIn, runPod } from '../support/workloads.ts';

function createDaemonSet(
  c: TestCluster,
  spec: Record<string, unknown> = {},
  template: Record<string, unknown> = {},
): DaemonSet {
  return c.api.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:1' }], ...template },
      },
      ...spec,
    },
  }) as DaemonSet;
}
const getDs = (c: TestCluster) => c.api.get('apps/v1', 'DaemonSet', 'default', 'agent') as DaemonSet;
const agents = (c: TestCluster) => podsIn(c, 'app=agent');
const live = (c: TestCluster) => agents(c).filter((p) => !p.metadata.deletionTimestamp);
const target = (p: Pod) =>
  (
    p.spec['affinity'] as {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: { matchFields: { values: string[] }[] }[];
        };
      };
    }
  ).nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]!.matchFields[0]!.values[0]!;
const targets = (pods: Pod[]) => pods.map(target).sort();
const image = (p: Pod) => (p.spec.containers[0] as { image: string }).image;

function taint(c: TestCluster, node: string, taints: unknown[]): void {
  c.api.mergePatch('v1', 'Node', undefined, node, { spec: { taints } });
}

/** The scheduler and kubelets in miniature: bind each pod where its affinity points, run it, finish deletions. */
async function settle(c: TestCluster, options: { run?: boolean } = {}): Promise<void> {
  for (const pod of agents(c)) {
    if (pod.metadata.deletionTimestamp) {
      finishDeletion(c.api, pod);
      continue;
    }
    if (!pod.spec.nodeName) c.api.bind('default', pod.metadata.name!, target(pod));
    if ((options.run ?? true) && pod.status?.phase === 'Pending') runPod(c, pod);
  }
  await c.clock.advance(1);
}

async function threeNodes(c: TestCluster): Promise<void> {
  createNode(c.api, c.clock, 'control-plane', { 'node-role.kubernetes.io/control-plane': '' });
  taint(c, 'control-plane', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  createNode(c.api, c.clock, 'worker-1');
  createNode(c.api, c.clock, 'worker-2');
}

test('one pod per eligible node, pinned by metadata.name affinity, with the daemon tolerations', async (t) => {
  await using c = await startCluster();
  await threeNodes(c);
  startDaemonSetController(c.ctx);
  createDaemonSet(c);
  await c.clock.advance(1);
  const pods = agents(c);
  t.deepEqual(targets(pods), ['worker-1', 'worker-2'], 'the control plane taint is not tolerated');
  const pod = pods[0]!;
  t.regex(pod.metadata.name!, /^agent-[a-z0-9]{5}$/);
  t.is(pod.spec.nodeName, undefined, 'the default scheduler binds it');
  t.deepEqual(
    pod.spec.tolerations?.map((x) => `${x.key}:${x.effect}:${x.tolerationSeconds ?? '-'}`),
    [
      'node.kubernetes.io/not-ready:NoExecute:-',
      'node.kubernetes.io/unreachable:NoExecute:-',
      'node.kubernetes.io/disk-pressure:NoSchedule:-',
      'node.kubernetes.io/memory-pressure:NoSchedule:-',
      'node.kubernetes.io/pid-pressure:NoSchedule:-',
      'node.kubernetes.io/unschedulable:NoSchedule:-',
    ],
  );
  const hash = pod.metadata.labels!['controller-revision-hash']!;
  t.truthy(c.api.get('apps/v1', 'ControllerRevision', 'default', `agent-${hash}`));
  t.like(getDs(c).status, {
    desiredNumberScheduled: 2,
    currentNumberScheduled: 2,
    numberReady: 0,
    numberUnavailable: 2,
  });
  await settle(c);
  await settle(c);
  t.like(getDs(c).status, {
    desiredNumberScheduled: 2,
    currentNumberScheduled: 2,
    numberMisscheduled: 0,
    numberReady: 2,
    updatedNumberScheduled: 2,
    numberAvailable: 2,
    numberUnavailable: 0,
    observedGeneration: 1,
  });
  t.is(eventMessages(c, 'SuccessfulCreate').length, 2);
});

test('taints: tolerated ones get a pod, cordoned nodes too, an untolerated NoExecute taint evicts it', async (t) => {
  await using c = await startCluster();
  await threeNodes(c);
  startDaemonSetController(c.ctx);
  createDaemonSet(
    c,
    {},
    { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
  );
  await c.clock.advance(1);
  t.deepEqual(targets(agents(c)), ['control-plane', 'worker-1', 'worker-2']);
  await settle(c);

  c.api.mergePatch('v1', 'Node', undefined, 'worker-1', { spec: { unschedulable: true } });
  taint(c, 'worker-1', [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  await settle(c);
  t.deepEqual(targets(live(c)), ['control-plane', 'worker-1', 'worker-2'], 'cordoned nodes keep their daemon');

  taint(c, 'worker-2', [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
  await settle(c);
  t.deepEqual(targets(live(c)), ['control-plane', 'worker-1', 'worker-2'], 'a new NoSchedule taint lets it stay');
  t.is(getDs(c).status!.numberMisscheduled, 1);
  taint(c, 'worker-2', [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]);
  await c.clock.advance(1);
  t.truthy(agents(c).find((p) => p.spec.nodeName === 'worker-2')!.metadata.deletionTimestamp);
  await settle(c);
  t.deepEqual(targets(agents(c)), ['control-plane', 'worker-1']);
  t.like(getDs(c).status, { desiredNumberScheduled: 2, numberMisscheduled: 0 });
});

test('a new node gets a pod; an unbound pod for a removed node goes; an ineligible node loses its pod', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1', { disk: 'ssd' });
  startDaemonSetController(c.ctx);
  createDaemonSet(c, {}, { nodeSelector: { disk: 'ssd' } });
  await c.clock.advance(1);
  t.deepEqual(targets(agents(c)), ['worker-1']);
  createNode(c.api, c.clock, 'worker-2', { disk: 'ssd' });
  createNode(c.api, c.clock, 'worker-3', { disk: 'hdd' });
  await c.clock.advance(1);
  t.deepEqual(targets(agents(c)), ['worker-1', 'worker-2']);
  await settle(c);

  createNode(c.api, c.clock, 'worker-4', { disk: 'ssd' });
  await c.clock.advance(1);
  t.deepEqual(targets(agents(c)), ['worker-1', 'worker-2', 'worker-4']);
  c.api.delete('v1', 'Node', undefined, 'worker-4');
  await c.clock.advance(1);
  t.deepEqual(targets(agents(c)), ['worker-1', 'worker-2'], 'the never-bound pod for worker-4 is deleted');

  c.api.mergePatch('v1', 'Node', undefined, 'worker-2', { metadata: { labels: { disk: 'hdd' } } });
  await c.clock.advance(1);
  t.truthy(agents(c).find((p) => p.spec.nodeName === 'worker-2')!.metadata.deletionTimestamp);
  await settle(c);
  t.deepEqual(targets(agents(c)), ['worker-1']);
  t.like(getDs(c).status, { desiredNumberScheduled: 1, currentNumberScheduled: 1 });
});

test('RollingUpdate replaces one node at a time (maxUnavailable 1, maxSurge 0), waiting for the new pod to be Ready', async (t) => {
  await using c = await startCluster();
  for (const n of ['worker-1', 'worker-2', 'worker-3']) createNode(c.api, c.clock, n);
  startDaemonSetController(c.ctx);
  createDaemonSet(c);
  await c.clock.advance(1);
  await settle(c);
  await settle(c);
  const ds = getDs(c);
  c.api.update({
    ...ds,
    spec: {
      ...ds.spec,
      template: { ...ds.spec.template, spec: { containers: [{ name: 'agent', image: 'agent:2' }] } },
    },
  });
  await c.clock.advance(1);
  t.is(agents(c).filter((p) => p.metadata.deletionTimestamp).length, 1, 'one old pod terminating');
  t.is(live(c).length, 2);
  for (let round = 0; round < 3; round++) {
    await settle(c, { run: false });
    t.is(agents(c).filter((p) => p.metadata.deletionTimestamp).length, 0, 'no deletion while the new pod is not ready');
    t.is(live(c).filter((p) => image(p) === 'agent:2').length, round + 1);
    await settle(c);
    await settle(c, { run: false });
  }
  t.true(live(c).every((p) => image(p) === 'agent:2'));
  t.is(live(c).length, 3);
  t.like(getDs(c).status, { updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  t.is(c.api.list('apps/v1', 'ControllerRevision', { namespace: 'default' }).length, 2);
});

test('OnDelete keeps old pods until they are deleted', async (t) => {
  await using c = await startCluster();
  createNode(c.api, c.clock, 'worker-1');
  startDaemonSetController(c.ctx);
  createDaemonSet(c, { updateStrategy: { type: 'OnDelete' } });
  await c.clock.advance(1);
  await settle(c);
  const ds = getDs(c);
  c.api.update({
    ...ds,
    spec: {
      ...ds.spec,
      template: { ...ds.spec.template, spec: { containers: [{ name: 'agent', image: 'agent:2' }] } },
    },
  });
  await settle(c);
  t.is(image(live(c)[0]!), 'agent:1');
  t.is(getDs(c).status!.updatedNumberScheduled, 0);
  c.api.delete('v1', 'Pod', 'default', live(c)[0]!.metadata.name!);
  await settle(c);
  await settle(c);
  t.is(image(live(c)[0]!), 'agent:2');
});
