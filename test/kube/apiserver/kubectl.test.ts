import test from 'ava';
import { parse as parseYaml } from 'yaml';
import { startTestCluster } from '../../support/kubectl.ts';

const deployment = (replicas = 2, image = 'nginx:1.27') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
        env:
        - {name: MODE, value: blue}
`;

test('kubectl apply creates, re-apply is unchanged, and get -o yaml shows server defaults', async (t) => {
  await using cluster = await startTestCluster();
  const first = await cluster.kubectl(['apply', '-f', '-'], { input: deployment() });
  t.is(first.exitCode, 0, first.stderr);
  t.regex(first.stdout, /deployment.apps\/web created/);
  const again = await cluster.kubectl(['apply', '-f', '-'], { input: deployment() });
  t.is(again.exitCode, 0, again.stderr);
  t.regex(again.stdout, /deployment.apps\/web unchanged/);
  const got = await cluster.kubectl(['get', 'deployment', 'web', '-o', 'yaml', '--show-managed-fields']);
  t.is(got.exitCode, 0, got.stderr);
  const object = parseYaml(got.stdout);
  t.is(object.spec.strategy.type, 'RollingUpdate');
  t.is(object.spec.strategy.rollingUpdate.maxSurge, '25%');
  t.is(object.spec.revisionHistoryLimit, 10);
  t.is(object.spec.progressDeadlineSeconds, 600);
  t.is(object.spec.template.spec.restartPolicy, 'Always');
  t.is(object.spec.template.spec.terminationGracePeriodSeconds, 30);
  t.is(object.metadata.generation, 1);
  t.truthy(object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
  t.true(object.metadata.managedFields.some((f: { manager: string }) => f.manager === 'kubectl-client-side-apply'));
});

test('kubectl apply of a changed manifest sends a strategic merge patch that keeps list items by key', async (t) => {
  await using cluster = await startTestCluster();
  t.is((await cluster.kubectl(['apply', '-f', '-'], { input: deployment() })).exitCode, 0);
  const changed = deployment(3, 'nginx:1.28').replace('value: blue', 'value: green');
  const applied = await cluster.kubectl(['apply', '-f', '-'], { input: changed });
  t.is(applied.exitCode, 0, applied.stderr);
  t.regex(applied.stdout, /configured/);
  const object = JSON.parse((await cluster.kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout);
  t.is(object.spec.replicas, 3);
  t.is(object.spec.template.spec.containers.length, 1);
  t.is(object.spec.template.spec.containers[0].image, 'nginx:1.28');
  t.deepEqual(object.spec.template.spec.containers[0].env, [{ name: 'MODE', value: 'green' }]);
  t.is(object.metadata.generation, 2);
});

test('kubectl label, annotate and the three kubectl patch types', async (t) => {
  await using cluster = await startTestCluster();
  t.is((await cluster.kubectl(['create', 'configmap', 'settings', '--from-literal=a=1'])).exitCode, 0);
  t.is((await cluster.kubectl(['label', 'configmap', 'settings', 'tier=backend'])).exitCode, 0);
  t.is((await cluster.kubectl(['annotate', 'configmap', 'settings', 'owner=team-a'])).exitCode, 0);
  const strategic = await cluster.kubectl(['patch', 'configmap', 'settings', '-p', '{"data":{"b":"2"}}']);
  t.is(strategic.exitCode, 0, strategic.stderr);
  const merge = await cluster.kubectl(['patch', 'configmap', 'settings', '--type=merge', '-p', '{"data":{"a":null}}']);
  t.is(merge.exitCode, 0, merge.stderr);
  const json = await cluster.kubectl([
    'patch',
    'configmap',
    'settings',
    '--type=json',
    '-p',
    '[{"op":"add","path":"/data/c","value":"3"}]',
  ]);
  t.is(json.exitCode, 0, json.stderr);
  const object = JSON.parse((await cluster.kubectl(['get', 'cm', 'settings', '-o', 'json'])).stdout);
  t.deepEqual(object.data, { b: '2', c: '3' });
  t.is(object.metadata.labels.tier, 'backend');
  t.is(object.metadata.annotations.owner, 'team-a');
  const failing = await cluster.kubectl([
    'patch',
    'configmap',
    'settings',
    '--type=json',
    '-p',
    '[{"op":"test","path":"/data/b","value":"9"}]',
  ]);
  t.not(failing.exitCode, 0);
  const after = JSON.parse((await cluster.kubectl(['get', 'cm', 'settings', '-o', 'json'])).stdout);
  t.deepEqual(after.data, { b: '2', c: '3' }, 'a failed patch changes nothing');
});

test('kubectl apply --server-side conflicts with another manager and wins with --force-conflicts', async (t) => {
  await using cluster = await startTestCluster();
  const ssa = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment(2) });
  t.is(ssa.exitCode, 0, ssa.stderr);
  t.regex(ssa.stdout, /serverside-applied/);
  const scaled = await cluster.kubectl(['scale', 'deployment', 'web', '--replicas=5']);
  t.is(scaled.exitCode, 0, scaled.stderr);
  const conflicting = await cluster.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment(2) });
  t.not(conflicting.exitCode, 0);
  t.regex(conflicting.stderr, /conflict/i);
  t.regex(conflicting.stderr, /\.spec\.replicas/);
  const forced = await cluster.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], {
    input: deployment(2),
  });
  t.is(forced.exitCode, 0, forced.stderr);
  const object = JSON.parse((await cluster.kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout);
  t.is(object.spec.replicas, 2);
});

test('kubectl diff shows a change and exits 1, and 0 when there is none', async (t) => {
  await using cluster = await startTestCluster();
  t.is((await cluster.kubectl(['apply', '-f', '-'], { input: deployment() })).exitCode, 0);
  const same = await cluster.kubectl(['diff', '-f', '-'], { input: deployment() });
  t.is(same.exitCode, 0, same.stderr);
  const different = await cluster.kubectl(['diff', '-f', '-'], { input: deployment(4) });
  t.is(different.exitCode, 1, different.stderr);
  t.regex(different.stdout, /-\s+replicas: 2/);
  t.regex(different.stdout, /\+\s+replicas: 4/);
});

test('kubectl create --dry-run=server validates and defaults without storing', async (t) => {
  await using cluster = await startTestCluster();
  const dry = await cluster.kubectl([
    'create',
    'deployment',
    'api',
    '--image=busybox',
    '--dry-run=server',
    '-o',
    'json',
  ]);
  t.is(dry.exitCode, 0, dry.stderr);
  t.is(JSON.parse(dry.stdout).spec.strategy.type, 'RollingUpdate');
  const get = await cluster.kubectl(['get', 'deployment', 'api']);
  t.not(get.exitCode, 0);
  t.regex(get.stderr, /deployments.apps "api" not found/);
  const bad = await cluster.kubectl(['create', 'deployment', 'Bad_Name', '--image=busybox', '--dry-run=server']);
  t.not(bad.exitCode, 0);
  t.regex(bad.stderr, /is invalid/);
});

test('kubectl delete --cascade=background removes dependents; foreground waits for them; orphan keeps them', async (t) => {
  await using cluster = await startTestCluster();
  const api = cluster.server.api;
  const owner = (name: string) =>
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });
  const dependent = (name: string, of: { metadata: { name?: string; uid?: string } }, block = false) =>
    api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace: 'default',
        ownerReferences: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            name: of.metadata.name!,
            uid: of.metadata.uid!,
            blockOwnerDeletion: block,
          },
        ],
      },
    });
  const names = async () =>
    JSON.parse((await cluster.kubectl(['get', 'cm', '-o', 'json'])).stdout)
      .items.map((i: { metadata: { name: string } }) => i.metadata.name)
      .sort();
  dependent('bg-child', owner('bg-owner'));
  dependent('fg-child', owner('fg-owner'), true);
  dependent('orphan-child', owner('orphan-owner'));

  t.is((await cluster.kubectl(['delete', 'cm', 'bg-owner', '--cascade=background'])).exitCode, 0);
  t.is((await cluster.kubectl(['delete', 'cm', 'fg-owner', '--cascade=foreground'])).exitCode, 0);
  t.is((await cluster.kubectl(['delete', 'cm', 'orphan-owner', '--cascade=orphan'])).exitCode, 0);
  await cluster.kubectl(['wait', '--for=delete', 'cm/bg-child', 'cm/fg-child', '--timeout=10s']);
  t.deepEqual(await names(), ['orphan-child']);
  const orphan = JSON.parse((await cluster.kubectl(['get', 'cm', 'orphan-child', '-o', 'json'])).stdout);
  t.is(orphan.metadata.ownerReferences, undefined);
});

test('a CRD serves its custom resources at once; kubectl applies and gets them; deleting the CRD removes them', async (t) => {
  await using cluster = await startTestCluster();
  const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wg]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, minimum: 1, default: 3}
              color: {type: string, enum: [red, blue]}
          status:
            type: object
            properties:
              ready: {type: boolean}
`;
  const created = await cluster.kubectl(['apply', '-f', '-'], { input: crd });
  t.is(created.exitCode, 0, created.stderr);
  await cluster.kubectl(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=10s']);
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1}\nspec: {color: red}\n';
  const applied = await cluster.kubectl(['apply', '-f', '-'], { input: widget });
  t.is(applied.exitCode, 0, applied.stderr);
  const got = JSON.parse((await cluster.kubectl(['get', 'wg', 'w1', '-o', 'json'])).stdout);
  t.is(got.spec.size, 3, 'schema default applied');
  const table = await cluster.kubectl(['get', 'widgets']);
  t.regex(table.stdout, /NAME\s+SIZE\s+AGE/);
  t.regex(table.stdout, /w1\s+3/);
  const invalid = await cluster.kubectl(['apply', '-f', '-'], {
    input: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w2}\nspec: {color: green, size: 0}\n',
  });
  t.not(invalid.exitCode, 0);
  t.regex(invalid.stderr, /Unsupported value: "green"/);
  t.is((await cluster.kubectl(['delete', 'crd', 'widgets.example.com', '--timeout=20s'])).exitCode, 0);
  const gone = await cluster.kubectl(['get', 'widgets']);
  t.not(gone.exitCode, 0);
  // kubectl may answer from its discovery cache or from the server; either way the resource is gone.
  t.regex(gone.stderr, /doesn't have a resource type "widgets"|could not find the requested resource/);
  t.is(cluster.server.context.types.byResource('example.com', 'v1', 'widgets'), undefined);
});

test('kubectl get -w streams changes as they happen', async (t) => {
  await using cluster = await startTestCluster();
  const { execa } = await import('execa');
  const { dirname, join } = await import('node:path');
  const watcher = execa(
    'kubectl',
    ['get', 'configmaps', '-w', '--output-watch-events', '-o', 'jsonpath={.type} {.object.metadata.name}{"\\n"}'],
    {
      env: { KUBECONFIG: cluster.kubeconfig, KUBECACHEDIR: join(dirname(cluster.kubeconfig), 'cache-watch') },
      reject: false,
    },
  );
  const seen: string[] = [];
  watcher.stdout!.on('data', (chunk: Buffer) => seen.push(...chunk.toString().split('\n').filter(Boolean)));
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 200 && !seen.some((l) => pattern.test(l)); i++) await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 100 && !seen.some((l) => pattern.test(l)); i++) await cluster.server.context.clock.sleep(50);
  };
  await cluster.kubectl(['create', 'configmap', 'first']);
  await waitFor(/ADDED.*first/);
  await cluster.kubectl(['label', 'configmap', 'first', 'x=y']);
  await waitFor(/MODIFIED.*first/);
  await cluster.kubectl(['delete', 'configmap', 'first']);
  await waitFor(/DELETED.*first/);
  watcher.kill();
  await watcher;
  t.true(
    seen.some((l) => /ADDED first/.test(l)),
    seen.join('\n'),
  );
  t.true(
    seen.some((l) => /MODIFIED first/.test(l)),
    seen.join('\n'),
  );
  t.true(
    seen.some((l) => /DELETED first/.test(l)),
    seen.join('\n'),
  );
});

test('kubectl get prints server-side tables for built-in kinds', async (t) => {
  await using cluster = await startTestCluster();
  t.is((await cluster.kubectl(['apply', '-f', '-'], { input: deployment() })).exitCode, 0);
  const deploys = await cluster.kubectl(['get', 'deployments']);
  t.regex(deploys.stdout, /NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
  t.regex(deploys.stdout, /web\s+0\/2\s+0\s+0\s+/);
  const services = await cluster.kubectl(['get', 'svc', '-o', 'wide']);
  t.regex(services.stdout, /kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
  const namespaces = await cluster.kubectl(['get', 'ns']);
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    t.regex(namespaces.stdout, new RegExp(`${ns}\\s+Active`));
});

test('bad input is refused with a clear error and nothing is stored', async (t) => {
  await using cluster = await startTestCluster();
  const unknownField = await cluster.kubectl(['apply', '-f', '-'], {
    input: deployment().replace('replicas: 2', 'replicas: 2\n  replicaz: 3'),
  });
  t.not(unknownField.exitCode, 0);
  t.regex(unknownField.stderr, /unknown field "spec.replicaz"/);
  const wrongType = await cluster.kubectl(['apply', '-f', '-'], {
    input: deployment().replace('replicas: 2', 'replicas: two'),
  });
  t.not(wrongType.exitCode, 0);
  const missingNs = await cluster.kubectl(['create', 'configmap', 'x', '-n', 'nowhere']);
  t.not(missingNs.exitCode, 0);
  t.regex(missingNs.stderr, /namespaces "nowhere" not found/);
  const listed = JSON.parse((await cluster.kubectl(['get', 'deploy', '-o', 'json'])).stdout);
  t.deepEqual(listed.items, []);
});
