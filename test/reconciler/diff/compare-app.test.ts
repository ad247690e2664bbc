import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import type { ClusterClient } from '../../../src/reconciler/cluster/index.ts';
import { COMPARE_OPTIONS_ANNOTATION, compareApp, DryRunCache } from '../../../src/reconciler/diff/index.ts';
import { configMap, deployment, FIELD_MANAGER, service, startCluster, tracked } from './helpers.ts';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

async function applyAll(client: ClusterClient, objects: KubeObject[]): Promise<KubeObject[]> {
  const live: KubeObject[] = [];
  for (const o of objects) live.push(await client.apply(o, { fieldManager: FIELD_MANAGER, force: true }));
  return live;
}

async function liveOf(client: ClusterClient, objects: KubeObject[]): Promise<KubeObject[]> {
  const found = await Promise.all(
    objects.map((o) =>
      client.get({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name! }),
    ),
  );
  return found.filter((o): o is KubeObject => o !== undefined);
}

test('applied targets are Synced, although the server defaulted strategy, clusterIP and more', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment(), service()];
  const live = await applyAll(client, targets);
  t.truthy((live[0]!.spec as { strategy?: unknown }).strategy, 'the server defaulted the strategy');
  t.truthy((live[1]!.spec as { clusterIP?: string }).clusterIP, 'the server allocated a clusterIP');
  const result = await compareApp({ client, targets, live, fieldManager: FIELD_MANAGER });
  t.deepEqual(result.errors, []);
  t.is(result.syncStatus, 'Synced');
  t.deepEqual(
    result.resources.map((r) => [r.group, r.version, r.kind, r.namespace, r.name, r.status, r.syncWave]),
    [
      ['', 'v1', 'Service', 'default', 'web', 'Synced', 0],
      ['apps', 'v1', 'Deployment', 'default', 'web', 'Synced', 0],
    ],
  );
  t.is(result.resources[0]!.diff, undefined);
  t.truthy(result.resources[1]!.predicted);
});

test('a status written by a controller is not drift', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment()];
  await applyAll(client, targets);
  await client.mergePatch(ref, { status: { replicas: 1, readyReplicas: 1 } }, { subresource: 'status' });
  const result = await compareApp({
    client,
    targets,
    live: await liveOf(client, targets),
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'Synced');
});

test('kubectl scale by another manager is drift, shown as a YAML diff', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment()];
  await applyAll(client, targets);
  await client.mergePatch(ref, { spec: { replicas: 3 } }, { fieldManager: 'kubectl', subresource: 'scale' });
  const result = await compareApp({
    client,
    targets,
    live: await liveOf(client, targets),
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'OutOfSync');
  const [web] = result.resources;
  t.is(web!.status, 'OutOfSync');
  t.regex(web!.diff!, /^--- live\n\+\+\+ target\n@@ /);
  t.regex(web!.diff!, /^- {2}replicas: 3$/m);
  t.regex(web!.diff!, /^\+ {2}replicas: 1$/m);
  t.is((web!.predicted!.spec as { replicas: number }).replicas, 1, 'the forced dry run takes the field back');
  t.is(((await client.get(ref))!.spec as { replicas: number }).replicas, 3, 'the dry run wrote nothing');
});

test('an image changed by kubectl set image is drift', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment()];
  await applyAll(client, targets);
  await client.mergePatch(
    ref,
    { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } } } },
    { fieldManager: 'kubectl-set' },
  );
  const result = await compareApp({
    client,
    targets,
    live: await liveOf(client, targets),
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'OutOfSync');
  t.regex(result.resources[0]!.diff!, /^-\s+- image: nginx:1\.28$/m);
  t.regex(result.resources[0]!.diff!, /^\+\s+- image: nginx:1\.27$/m);
});

test('a target changed in git is drift; a field dropped from the target is removed by the predicted apply', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const withData = configMap('settings', { a: '1', b: '2' });
  await applyAll(client, [withData]);
  const live = await liveOf(client, [withData]);
  const result = await compareApp({
    client,
    targets: [configMap('settings', { a: '1' })],
    live,
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'OutOfSync');
  t.regex(result.resources[0]!.diff!, /^- {2}b: "2"$/m);
});

test('ignoreDifferences on /spec/replicas, a jq path or the scaling manager keeps a scaled app Synced', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment()];
  await applyAll(client, targets);
  await client.mergePatch(ref, { spec: { replicas: 3 } }, { fieldManager: 'kubectl', subresource: 'scale' });
  const live = await liveOf(client, targets);
  for (const rule of [
    { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    { group: 'apps', kind: 'Deploy*', name: 'web', jqPathExpressions: ['.spec.replicas'] },
    { group: '*', kind: 'Deployment', namespace: 'default', managedFieldsManagers: ['kubectl'] },
  ]) {
    const result = await compareApp({ client, targets, live, ignoreDifferences: [rule], fieldManager: FIELD_MANAGER });
    t.is(result.syncStatus, 'Synced', JSON.stringify(rule));
    t.deepEqual(result.errors, []);
  }
  for (const rule of [
    { group: '', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    { group: 'apps', kind: 'Deployment', name: 'other', jsonPointers: ['/spec/replicas'] },
    { group: 'apps', kind: 'Deployment', namespace: 'prod', jsonPointers: ['/spec/replicas'] },
  ]) {
    const result = await compareApp({ client, targets, live, ignoreDifferences: [rule], fieldManager: FIELD_MANAGER });
    t.is(result.syncStatus, 'OutOfSync', `${JSON.stringify(rule)} does not match`);
  }
});

test('an unsupported jqPathExpression is reported, the rest of the comparison goes on', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const targets = [deployment()];
  const live = await applyAll(client, targets);
  const result = await compareApp({
    client,
    targets,
    live,
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec | del(.replicas)'] }],
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'Synced');
  t.is(result.errors.length, 1);
  t.regex(result.errors[0]!, /jqPathExpression ".spec \| del\(.replicas\)" is not supported/);
});

test('a missing target is OutOfSync with the predicted object as its diff', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const result = await compareApp({
    client,
    targets: [configMap('new', { k: 'v' })],
    live: [],
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'OutOfSync');
  t.is(result.resources[0]!.status, 'OutOfSync');
  t.is(result.resources[0]!.live, undefined);
  t.regex(result.resources[0]!.diff!, /^\+ {2}k: v$/m);
  t.is(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'new' }), undefined);
});

test('a live object without target requires pruning; IgnoreExtraneous keeps the app Synced', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const keep = configMap('keep');
  const extra = configMap('extra');
  const quiet = tracked({
    ...configMap('quiet'),
    metadata: {
      ...configMap('quiet').metadata,
      annotations: { ...configMap('quiet').metadata.annotations, [COMPARE_OPTIONS_ANNOTATION]: 'IgnoreExtraneous' },
    },
  });
  const live = await applyAll(client, [keep, extra, quiet]);
  const both = await compareApp({ client, targets: [keep], live, fieldManager: FIELD_MANAGER });
  t.is(both.syncStatus, 'OutOfSync');
  t.deepEqual(
    both.resources.map((r) => [r.name, r.status, r.requiresPruning ?? false]),
    [
      ['extra', 'OutOfSync', true],
      ['keep', 'Synced', false],
      ['quiet', 'OutOfSync', true],
    ],
  );
  t.regex(both.resources[0]!.diff!, /^-kind: ConfigMap$/m);
  const quietOnly = await compareApp({
    client,
    targets: [keep],
    live: [live[0]!, live[2]!],
    fieldManager: FIELD_MANAGER,
  });
  t.is(quietOnly.syncStatus, 'Synced', 'an IgnoreExtraneous extra does not flip the app');
});

test('hooks are listed but neither dry-run nor compared', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const hook = tracked({
    apiVersion: 'example.com/v1',
    kind: 'NotServed',
    metadata: { name: 'migrate', namespace: 'default', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
  });
  const result = await compareApp({ client, targets: [hook], live: [], fieldManager: FIELD_MANAGER });
  t.deepEqual(result.errors, []);
  t.is(result.syncStatus, 'Synced');
  t.like(result.resources[0], { kind: 'NotServed', hook: true, status: 'Synced' });
  t.is(result.resources[0]!.predicted, undefined);
});

test('a wrongly typed field or an unknown kind fails the dry run: an error, OutOfSync, nothing written', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const good = deployment();
  const live = await applyAll(client, [good]);
  const bad = { ...good, spec: { ...(good.spec as object), replicas: 'three' } };
  const unknown = tracked({
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w', namespace: 'default' },
  });
  const fine = configMap('fine');
  const result = await compareApp({ client, targets: [bad, unknown, fine], live, fieldManager: FIELD_MANAGER });
  t.is(result.syncStatus, 'OutOfSync');
  t.is(result.errors.length, 2);
  t.regex(result.errors.join('\n'), /Deployment\/web in namespace default: .*spec\.replicas.*integer/);
  t.regex(result.errors.join('\n'), /Widget\/w in namespace default: .*no kind "Widget"/);
  t.like(
    result.resources.find((r) => r.kind === 'ConfigMap'),
    { status: 'OutOfSync' },
    'the other resources are still compared',
  );
  t.is(((await client.get(ref))!.spec as { replicas: number }).replicas, 1);
  t.is(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'fine' }), undefined);
});

test('Secret values never show in a diff, yet changed keys do', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const secret = (data: Record<string, string>) =>
    tracked({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data });
  const live = await applyAll(client, [secret({ a: 'YQ==', b: 'Yg==' })]);
  const result = await compareApp({
    client,
    targets: [secret({ a: 'YQ==', b: 'Yw==' })],
    live,
    fieldManager: FIELD_MANAGER,
  });
  t.is(result.syncStatus, 'OutOfSync');
  const diff = result.resources[0]!.diff!;
  t.notRegex(diff, /Yg==|Yw==|YQ==/);
  t.regex(diff, /^- {2}b: \+{8}$/m);
  t.regex(diff, /^\+ {2}b: \+{9}$/m);
});

test('a cluster-scoped target given a namespace by the renderer still matches its live object', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const ns = tracked({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
  const live = await applyAll(client, [ns]);
  const result = await compareApp({
    client,
    targets: [{ ...ns, metadata: { ...ns.metadata, namespace: 'default' } }],
    live,
    fieldManager: FIELD_MANAGER,
  });
  t.deepEqual(result.errors, []);
  t.is(result.syncStatus, 'Synced');
  t.is(result.resources.length, 1);
});

test('a DryRunCache skips the dry run while target and live are unchanged, and misses on drift', async (t) => {
  const { server, client } = await startCluster();
  t.teardown(() => server.close());
  const dryRunCache = new DryRunCache();
  const targets = [deployment()];
  await applyAll(client, targets);
  let dryRuns = 0;
  const apply = client.apply.bind(client);
  client.apply = ((...args: Parameters<typeof client.apply>) => {
    dryRuns++;
    return apply(...args);
  }) as typeof client.apply;
  const compare = async () =>
    compareApp({ client, targets, live: await liveOf(client, targets), fieldManager: FIELD_MANAGER, dryRunCache });
  t.is((await compare()).syncStatus, 'Synced');
  t.is((await compare()).syncStatus, 'Synced');
  t.is(dryRuns, 1);
  await client.mergePatch(ref, { spec: { replicas: 2 } }, { fieldManager: 'kubectl', subresource: 'scale' });
  t.is((await compare()).syncStatus, 'OutOfSync');
  t.is(dryRuns, 2);
});
