import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

type Condition = { type: string; status: string; lastTransitionTime: string };
const conditions = (o: KubeObject) => (o['status'] as { conditions?: Condition[] })?.conditions ?? [];

test.serial(
  'a stopped worker goes Unknown after the grace period and its pods come back Ready elsewhere after 300 s (simulated)',
  async (t) => {
    await using s = await startTestSandbox({ speed: 30, nodes: 4 });
    const api = s.sandbox.apiServer.api;
    const clock = s.sandbox.clock;
    const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;
    t.is((await s.kubectl(['apply', '-f', '-'], { input: manifest })).exitCode, 0);
    t.is((await s.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).exitCode, 0);
    const onWorker2 = api
      .list('v1', 'Pod', { namespace: 'default' })
      .filter((p) => (p['spec'] as { nodeName?: string }).nodeName === 'worker-2');
    t.true(onWorker2.length > 0, 'some replicas run on worker-2');

    const stoppedAt = clock.now();
    await s.sandbox.faults.stopNode('worker-2');

    const waitUntil = async (what: string, check: () => boolean, simulatedMs: number) => {
      const deadline = clock.now() + simulatedMs;
      while (!check()) {
        if (clock.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await clock.sleep(1000);
      }
    };
    const readyCondition = () =>
      conditions(api.get('v1', 'Node', undefined, 'worker-2')!).find((c) => c.type === 'Ready')!;
    await waitUntil('worker-2 Ready=Unknown', () => readyCondition().status === 'Unknown', 120_000);
    const unknownAfter = (Date.parse(readyCondition().lastTransitionTime) - stoppedAt) / 1000;
    t.true(
      unknownAfter >= 40 && unknownAfter <= 70,
      `Unknown ${unknownAfter}s after the stop (grace 50 s + monitor period)`,
    );
    const taints = (
      (api.get('v1', 'Node', undefined, 'worker-2')!['spec'] as { taints?: { key: string; effect: string }[] })
        .taints ?? []
    ).map((x) => `${x.key}:${x.effect}`);
    t.true(taints.includes('node.kubernetes.io/unreachable:NoExecute'), taints.join());

    const readyElsewhere = () => {
      const pods = api.list('v1', 'Pod', { namespace: 'default' }).filter((p) => !p.metadata.deletionTimestamp);
      const ready = pods.filter((p) => conditions(p).some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === 4 && ready.every((p) => (p['spec'] as { nodeName: string }).nodeName !== 'worker-2');
    };
    await waitUntil('replacements Ready on other nodes', readyElsewhere, 600_000);
    const replacements = api
      .list('v1', 'Pod', { namespace: 'default' })
      .filter((p) => !p.metadata.deletionTimestamp && Date.parse(p.metadata.creationTimestamp!) > stoppedAt);
    t.is(replacements.length, onWorker2.length);
    const lastReady = Math.max(
      ...replacements.map((p) => Date.parse(conditions(p).find((c) => c.type === 'Ready')!.lastTransitionTime)),
    );
    const recoveredAfter = (lastReady - stoppedAt) / 1000;
    t.true(
      recoveredAfter >= 340 && recoveredAfter <= 420,
      `replacements Ready ${recoveredAfter}s after the stop (50 s + 300 s + start-up)`,
    );

    await s.sandbox.faults.startNode('worker-2');
    await waitUntil('worker-2 Ready again', () => readyCondition().status === 'True', 120_000);
    t.pass();
  },
);
