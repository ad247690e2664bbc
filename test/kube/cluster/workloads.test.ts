import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

const deployment = (name: string, replicas: number, image = 'nginx:1.27') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 2
`;

test.serial(
  'kubectl rollout status returns on a fresh Deployment; pods run on the workers, not the tainted control plane',
  async (t) => {
    await using s = await startTestSandbox({ speed: 5 });
    t.is((await s.kubectl(['apply', '-f', '-'], { input: deployment('web', 3) })).exitCode, 0);
    const status = await s.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s']);
    t.is(status.exitCode, 0, status.stderr);
    t.regex(status.stdout, /successfully rolled out/);
    const pods = await s.json<{ items: KubeObject[] }>(['get', 'pods', '-l', 'app=web']);
    t.is(pods.items.length, 3);
    const nodes = pods.items.map((p) => (p['spec'] as { nodeName: string }).nodeName);
    t.false(nodes.includes('control-plane'));
    t.true(new Set(nodes).size === 2, `spread over both workers: ${nodes.join(',')}`);
    for (const pod of pods.items) t.regex((pod['status'] as { podIP: string }).podIP, /^10\.244\.\d+\.\d+$/);
    const events = await s.kubectl(['get', 'events', '--field-selector', 'involvedObject.kind=Pod']);
    for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started'])
      t.regex(events.stdout, new RegExp(reason));
  },
);

test.serial(
  'kubectl set image on 4 replicas keeps between 3 available and 5 pods at every instant; undo and history work',
  async (t) => {
    await using s = await startTestSandbox({ speed: 5 });
    t.is((await s.kubectl(['apply', '-f', '-'], { input: deployment('api', 4) })).exitCode, 0);
    t.is((await s.kubectl(['rollout', 'status', 'deployment/api', '--timeout=60s'])).exitCode, 0);

    // Watch every pod and Deployment change during the rollout, in process.
    const api = s.sandbox.apiServer.api;
    let maxPods = 0;
    let minAvailable = Number.POSITIVE_INFINITY;
    const live = new Map<string, KubeObject>();
    const stopPods = api.watchKind('v1', 'Pod', (e) => {
      if (e.object.metadata.namespace !== 'default') return;
      // Pods counted as the Deployment controller counts them for maxSurge: terminating pods no longer count
      // (K: controller_utils.FilterActivePods), though `kubectl get pods` still lists them until they are gone.
      if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) live.delete(e.object.metadata.name!);
      else live.set(e.object.metadata.name!, e.object);
      maxPods = Math.max(maxPods, live.size);
    });
    const stopDeploy = api.watchKind('apps/v1', 'Deployment', (e) => {
      if (e.object.metadata.name !== 'api') return;
      const status = e.object['status'] as { availableReplicas?: number } | undefined;
      minAvailable = Math.min(minAvailable, status?.availableReplicas ?? 0);
    });
    t.teardown(() => {
      stopPods();
      stopDeploy();
    });
    const set = await s.kubectl(['set', 'image', 'deployment/api', 'api=nginx:1.28']);
    t.is(set.exitCode, 0, set.stderr);
    const rolled = await s.kubectl(['rollout', 'status', 'deployment/api', '--timeout=90s']);
    t.is(rolled.exitCode, 0, rolled.stderr);
    t.true(maxPods <= 5, `at most 5 pods, saw ${maxPods}`);
    t.true(minAvailable >= 3, `at least 3 available, saw ${minAvailable}`);
    const images = (await s.json<{ items: KubeObject[] }>(['get', 'pods', '-l', 'app=api'])).items
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => (p['spec'] as { containers: { image: string }[] }).containers[0]!.image);
    t.deepEqual(images, ['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);

    const history = await s.kubectl(['rollout', 'history', 'deployment/api']);
    t.regex(history.stdout, /^1\s/m);
    t.regex(history.stdout, /^2\s/m);
    t.is((await s.kubectl(['rollout', 'undo', 'deployment/api'])).exitCode, 0);
    t.is((await s.kubectl(['rollout', 'status', 'deployment/api', '--timeout=90s'])).exitCode, 0);
    const undone = await s.json<KubeObject>(['get', 'deployment', 'api']);
    t.is(
      (undone['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!
        .image,
      'nginx:1.27',
    );
    t.is(undone.metadata.annotations?.['deployment.kubernetes.io/revision'], '3');
  },
);

test.serial('kubectl scale, cordon and drain move and resize workloads', async (t) => {
  await using s = await startTestSandbox({ speed: 5 });
  t.is((await s.kubectl(['apply', '-f', '-'], { input: deployment('web', 2) })).exitCode, 0);
  t.is((await s.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).exitCode, 0);
  t.is((await s.kubectl(['scale', 'deployment/web', '--replicas=4'])).exitCode, 0);
  t.is((await s.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).exitCode, 0);
  t.is(
    (await s.json<{ items: unknown[] }>(['get', 'pods', '-l', 'app=web', '--field-selector=status.phase=Running']))
      .items.length,
    4,
  );
  t.is((await s.kubectl(['cordon', 'worker-1'])).exitCode, 0);
  t.regex((await s.kubectl(['get', 'node', 'worker-1'])).stdout, /SchedulingDisabled/);
  const drain = await s.kubectl(['drain', 'worker-1', '--ignore-daemonsets', '--timeout=60s']);
  t.is(drain.exitCode, 0, drain.stderr);
  t.is((await s.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'])).exitCode, 0);
  const pods = (await s.json<{ items: KubeObject[] }>(['get', 'pods', '-l', 'app=web'])).items.filter(
    (p) => !p.metadata.deletionTimestamp,
  );
  t.is(pods.length, 4);
  t.true(pods.every((p) => (p['spec'] as { nodeName: string }).nodeName === 'worker-2'));
});

test.serial(
  'a StatefulSet rolls out in order with bound claims, and a DaemonSet runs one pod per eligible node',
  async (t) => {
    await using s = await startTestSandbox({ speed: 5 });
    const manifests = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: fluent-bit:3}]
`;
    const applied = await s.kubectl(['apply', '-f', '-'], { input: manifests });
    t.is(applied.exitCode, 0, applied.stderr);
    const sts = await s.kubectl(['rollout', 'status', 'statefulset/db', '--timeout=90s']);
    t.is(sts.exitCode, 0, sts.stderr);
    const ds = await s.kubectl(['rollout', 'status', 'daemonset/agent', '--timeout=90s']);
    t.is(ds.exitCode, 0, ds.stderr);
    const dbPods = (await s.json<{ items: KubeObject[] }>(['get', 'pods', '-l', 'app=db'])).items;
    t.deepEqual(dbPods.map((p) => p.metadata.name).sort(), ['db-0', 'db-1', 'db-2']);
    const created = dbPods
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))
      .map((p) => Date.parse(p.metadata.creationTimestamp!));
    t.true(created[0]! <= created[1]! && created[1]! <= created[2]!, 'OrderedReady: db-0, then db-1, then db-2');
    const claims = (await s.json<{ items: KubeObject[] }>(['get', 'pvc'])).items;
    t.deepEqual(claims.map((c) => `${c.metadata.name}=${(c['status'] as { phase: string }).phase}`).sort(), [
      'data-db-0=Bound',
      'data-db-1=Bound',
      'data-db-2=Bound',
    ]);
    const agents = (await s.json<{ items: KubeObject[] }>(['get', 'pods', '-l', 'app=agent'])).items;
    t.deepEqual(
      agents.map((p) => (p['spec'] as { nodeName: string }).nodeName).sort(),
      ['worker-1', 'worker-2'],
      'not on the tainted control plane',
    );
  },
);
