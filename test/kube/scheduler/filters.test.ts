import test from 'ava';
import { CONTROL_PLANE_TAINT, harness, node, nodeNameOf, pod, scheduledCondition } from './support.ts';

test('binds with a Scheduled event and PodScheduled=True', async (t) => {
  await using h = await harness();
  h.api.create(node('worker-1'));
  h.api.create(pod('web'));
  await h.settle();
  t.is(nodeNameOf(h.pod('web')), 'worker-1');
  t.is(scheduledCondition(h.pod('web'))?.['status'], 'True');
  const [event] = h.events('web', 'Scheduled');
  t.is(event?.['message'], 'Successfully assigned default/web to worker-1');
  t.is(event?.['type'], 'Normal');
  t.is((event?.['source'] as { component: string } | undefined)?.component, 'default-scheduler');
});

test('the control-plane taint keeps ordinary pods off; a toleration lets them on', async (t) => {
  await using h = await harness();
  h.api.create(node('control-plane', { taints: [CONTROL_PLANE_TAINT] }));
  for (let i = 0; i < 5; i++) h.api.create(pod(`plain-${i}`));
  h.api.create(
    pod('tolerant', {
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': 'control-plane' },
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      },
    }),
  );
  await h.settle();
  for (let i = 0; i < 5; i++) t.is(nodeNameOf(h.pod(`plain-${i}`)), undefined);
  t.is(nodeNameOf(h.pod('tolerant')), 'control-plane');
  t.is(
    scheduledCondition(h.pod('plain-0'))?.['message'],
    '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
      'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
});

test('toleration operators: Equal compares values, Exists with an empty key tolerates everything, effects must match', async (t) => {
  await using h = await harness();
  h.api.create(node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
  const cases: [string, unknown[], boolean][] = [
    ['equal-right', [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], true],
    ['equal-wrong', [{ key: 'dedicated', operator: 'Equal', value: 'cpu', effect: 'NoSchedule' }], false],
    ['default-operator', [{ key: 'dedicated', value: 'gpu' }], true],
    ['exists-key', [{ key: 'dedicated', operator: 'Exists' }], true],
    ['exists-everything', [{ operator: 'Exists' }], true],
    ['other-effect', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], false],
    ['none', [], false],
  ];
  for (const [name, tolerations] of cases) h.api.create(pod(name, { spec: { tolerations } }));
  await h.settle();
  for (const [name, , fits] of cases) t.is(nodeNameOf(h.pod(name)), fits ? 'gpu' : undefined, name);
});

test('NoExecute taints filter too; PreferNoSchedule only scores', async (t) => {
  await using h = await harness();
  h.api.create(node('draining', { taints: [{ key: 'example.com/maintenance', effect: 'NoExecute' }] }));
  h.api.create(node('preferred-not', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
  h.api.create(node('clean'));
  for (let i = 0; i < 3; i++) h.api.create(pod(`p-${i}`, { labels: { app: `p-${i}` } }));
  await h.settle();
  for (let i = 0; i < 3; i++) t.is(nodeNameOf(h.pod(`p-${i}`)), 'clean');
});

test('a cordoned node takes only pods tolerating the unschedulable taint, and uncordoning reschedules the rest', async (t) => {
  await using h = await harness();
  h.api.create(node('worker-1', { unschedulable: true }));
  h.api.create(pod('web'));
  h.api.create(
    pod('daemon', {
      spec: { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] },
    }),
  );
  await h.settle();
  t.is(nodeNameOf(h.pod('daemon')), 'worker-1');
  t.is(nodeNameOf(h.pod('web')), undefined);
  t.like(scheduledCondition(h.pod('web')), {
    status: 'False',
    reason: 'Unschedulable',
    message:
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  });
  h.api.mergePatch('v1', 'Node', undefined, 'worker-1', { spec: { unschedulable: null } });
  // Back-off after the first failure is 1 s; the node change moves the pod, which then waits out its back-off.
  await h.settle(0);
  t.is(nodeNameOf(h.pod('web')), undefined);
  await h.settle(1000);
  t.is(nodeNameOf(h.pod('web')), 'worker-1');
});

test('nodeSelector and required node affinity (In, NotIn, Exists, DoesNotExist, Gt, Lt, matchFields)', async (t) => {
  await using h = await harness();
  h.api.create(node('a', { labels: { zone: 'z1', disk: 'ssd', cores: '8' } }));
  h.api.create(node('b', { labels: { zone: 'z2', cores: '2' } }));
  const affinity = (terms: unknown[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });
  const cases: [string, Record<string, unknown>, string | undefined][] = [
    ['selector', { nodeSelector: { disk: 'ssd' } }, 'a'],
    ['selector-none', { nodeSelector: { disk: 'nvme' } }, undefined],
    ['in', affinity([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] }]), 'b'],
    ['notin', affinity([{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['z2'] }] }]), 'a'],
    ['exists', affinity([{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }]), 'a'],
    ['doesnotexist', affinity([{ matchExpressions: [{ key: 'disk', operator: 'DoesNotExist' }] }]), 'b'],
    ['gt', affinity([{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }]), 'a'],
    ['lt', affinity([{ matchExpressions: [{ key: 'cores', operator: 'Lt', values: ['4'] }] }]), 'b'],
    ['fields', affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }]), 'b'],
    [
      'terms-or',
      affinity([
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['nowhere'] }] },
        { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] },
      ]),
      'a',
    ],
    [
      'and-with-selector',
      {
        nodeSelector: { disk: 'ssd' },
        ...affinity([{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z2'] }] }]),
      },
      undefined,
    ],
  ];
  for (const [name, spec] of cases) h.api.create(pod(name, { spec }));
  await h.settle();
  for (const [name, , want] of cases) t.is(nodeNameOf(h.pod(name)), want, name);
  t.is(
    scheduledCondition(h.pod('selector-none'))?.['message'],
    "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. " +
      'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('preferred node affinity wins among feasible nodes', async (t) => {
  await using h = await harness();
  h.api.create(node('a', { labels: { tier: 'cheap' } }));
  h.api.create(node('b', { labels: { tier: 'fast' } }));
  for (let i = 0; i < 4; i++) {
    h.api.create(
      pod(`p-${i}`, {
        labels: { app: `p-${i}` },
        spec: {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 50, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fast'] }] } },
              ],
            },
          },
        },
      }),
    );
  }
  await h.settle();
  for (let i = 0; i < 4; i++) t.is(nodeNameOf(h.pod(`p-${i}`)), 'b');
});

test('hostPort conflicts send the second pod elsewhere, or nowhere', async (t) => {
  await using h = await harness();
  h.api.create(node('only'));
  h.api.create(pod('first', { hostPort: 8080 }));
  await h.settle();
  h.api.create(pod('second', { hostPort: 8080 }));
  h.api.create(pod('other-port', { hostPort: 9090 }));
  await h.settle();
  t.is(nodeNameOf(h.pod('first')), 'only');
  t.is(nodeNameOf(h.pod('other-port')), 'only');
  t.is(nodeNameOf(h.pod('second')), undefined);
  t.is(
    scheduledCondition(h.pod('second'))?.['message'],
    "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. " +
      'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  );
});

test('terminating and foreign-scheduler pods are left alone', async (t) => {
  await using h = await harness();
  h.api.create(node('worker-1'));
  h.api.create({ ...pod('kept'), metadata: { ...pod('kept').metadata, finalizers: ['example.com/hold'] } });
  h.api.delete('v1', 'Pod', 'default', 'kept');
  h.api.create(pod('other', { spec: { schedulerName: 'my-scheduler' } }));
  await h.settle();
  t.truthy(h.pod('kept').metadata.deletionTimestamp);
  t.is(nodeNameOf(h.pod('kept')), undefined);
  t.is(nodeNameOf(h.pod('other')), undefined);
  t.is(h.events('kept').length + h.events('other').length, 0);
});

test('scheduling gates hold a pod out of the queue', async (t) => {
  // Lifting the gates is not tested: the embedded API server still refuses that pod update (real ones allow it).
  await using h = await harness();
  h.api.create(node('worker-1'));
  h.api.create(pod('gated', { spec: { schedulingGates: [{ name: 'example.com/wait' }] } }));
  await h.settle();
  t.is(nodeNameOf(h.pod('gated')), undefined);
  t.is(h.scheduler.queueStats()['gated'], 1);
  t.is(h.events('gated').length, 0);
});

test('unreachable nodes: the NoExecute taint alone is tolerated for 300 s by default, the NoSchedule one is not', async (t) => {
  await using h = await harness();
  // DefaultTolerationSeconds admission tolerates unreachable/not-ready NoExecute; the node lifecycle controller
  // adds the NoSchedule taint too, and that is what keeps new pods away.
  h.api.create(node('half-tainted', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }));
  h.api.create(
    node('lost', {
      taints: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      ],
    }),
  );
  h.api.create(pod('web', { spec: { nodeSelector: { 'kubernetes.io/hostname': 'lost' } } }));
  h.api.create(pod('api', { spec: { nodeSelector: { 'kubernetes.io/hostname': 'half-tainted' } } }));
  await h.settle();
  t.is(nodeNameOf(h.pod('api')), 'half-tainted');
  t.is(nodeNameOf(h.pod('web')), undefined);
  t.regex(
    String(scheduledCondition(h.pod('web'))?.['message']),
    /1 node\(s\) had untolerated taint \{node\.kubernetes\.io\/unreachable: \}/,
  );
});
