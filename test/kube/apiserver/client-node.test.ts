import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  type V1ConfigMap,
  Watch,
} from '@kubernetes/client-node';
import test from 'ava';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';

async function startClient(options: { historySize?: number } = {}) {
  const clock = new ScaledClock();
  const server = await startApiServer({ clock, ...options });
  const config = new KubeConfig();
  config.loadFromString(kubeconfigFor(server.url));
  return { server, config, clock, core: config.makeApiClient(CoreV1Api), apps: config.makeApiClient(AppsV1Api) };
}

const configMap = (name: string, data: Record<string, string> = {}): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: { app: 'demo' } },
  data,
});

test('typed clients create, read, list by label, and get a 409 for a stale update', async (t) => {
  const { server, core } = await startClient();
  t.teardown(() => server.close());
  const created = await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('one', { a: '1' }) });
  t.truthy(created.metadata?.uid);
  t.truthy(created.metadata?.creationTimestamp);
  await core.createNamespacedConfigMap({
    namespace: 'default',
    body: { ...configMap('two'), metadata: { name: 'two', labels: { app: 'other' } } },
  });
  const listed = await core.listNamespacedConfigMap({ namespace: 'default', labelSelector: 'app=demo' });
  t.deepEqual(
    listed.items.map((i) => i.metadata?.name),
    ['one'],
  );
  const read = await core.readNamespacedConfigMap({ name: 'one', namespace: 'default' });
  await core.replaceNamespacedConfigMap({ name: 'one', namespace: 'default', body: { ...read, data: { a: '2' } } });
  const stale = await t.throwsAsync(
    core.replaceNamespacedConfigMap({ name: 'one', namespace: 'default', body: { ...read, data: { a: '3' } } }),
  );
  t.true(stale instanceof ApiException);
  t.is((stale as ApiException<unknown>).code, 409);
  const missing = await t.throwsAsync(core.readNamespacedConfigMap({ name: 'nope', namespace: 'default' }));
  t.is((missing as ApiException<unknown>).code, 404);
});

test('typed patches: JSON patch by default, strategic merge and merge through the Content-Type header', async (t) => {
  const { server, apps } = await startClient();
  t.teardown(() => server.close());
  await apps.createNamespacedDeployment({
    namespace: 'default',
    body: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1' },
              { name: 'sidecar', image: 'envoy:1' },
            ],
          },
        },
      },
    },
  });
  await apps.patchNamespacedDeployment({
    name: 'web',
    namespace: 'default',
    body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
  });
  await apps.patchNamespacedDeployment(
    {
      name: 'web',
      namespace: 'default',
      body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }] } } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );
  const deployment = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
  t.is(deployment.spec?.replicas, 3);
  t.deepEqual(
    deployment.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`),
    ['web=nginx:2', 'sidecar=envoy:1'],
    'strategic merge keeps the sidecar (merge key: name)',
  );
  await apps.patchNamespacedDeployment(
    { name: 'web', namespace: 'default', body: { metadata: { labels: { tier: 'front' } } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  const labelled = await apps.readNamespacedDeployment({ name: 'web', namespace: 'default' });
  t.is(labelled.metadata?.labels?.['tier'], 'front');
  t.is(labelled.metadata?.generation, 3, 'two template/replica changes bumped the generation; the label did not');
});

test('the generic object API applies server-side with a field manager', async (t) => {
  const { server, config } = await startClient();
  t.teardown(() => server.close());
  const objects = KubernetesObjectApi.makeApiClient(config);
  const applied = await objects.patch(
    configMap('applied', { x: '1' }),
    undefined,
    undefined,
    'my-controller',
    true,
    PatchStrategy.ServerSideApply,
  );
  t.is(applied.metadata?.managedFields?.[0]?.manager, 'my-controller');
  t.is(applied.metadata?.managedFields?.[0]?.operation, 'Apply');
  const read = await objects.read<V1ConfigMap>({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'applied', namespace: 'default' },
  });
  t.deepEqual(read.data, { x: '1' });
});

test('Watch streams ADDED, MODIFIED and DELETED for one object', async (t) => {
  const { server, config, core } = await startClient();
  t.teardown(() => server.close());
  const events: string[] = [];
  const deleted = new Promise<void>((resolve, reject) => {
    void new Watch(config)
      .watch(
        '/api/v1/namespaces/default/configmaps',
        { fieldSelector: 'metadata.name=watched' },
        (type, object) => {
          events.push(`${type} ${object.metadata.name}`);
          if (type === 'DELETED') resolve();
        },
        (error) => (error ? reject(error) : undefined),
      )
      .then(async (request) => {
        t.teardown(() => request.abort());
        await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('ignored') });
        await core.createNamespacedConfigMap({ namespace: 'default', body: configMap('watched') });
        await core.patchNamespacedConfigMap({
          name: 'watched',
          namespace: 'default',
          body: [{ op: 'add', path: '/data', value: { k: 'v' } }],
        });
        await core.deleteNamespacedConfigMap({ name: 'watched', namespace: 'default' });
      });
  });
  await deleted;
  t.deepEqual(events, ['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
});

test('an informer survives a 410 Expired by relisting, and its cache ends up exact', async (t) => {
  const { server, config, core, clock } = await startClient({ historySize: 5 });
  t.teardown(() => server.close());
  for (const name of ['a', 'b']) await core.createNamespacedConfigMap({ namespace: 'default', body: configMap(name) });
  let lists = 0;
  const informer = makeInformer(config, '/api/v1/namespaces/default/configmaps', () => {
    lists++;
    return core.listNamespacedConfigMap({ namespace: 'default' });
  });
  const errors: unknown[] = [];
  informer.on('error', (error) => errors.push(error));
  await informer.start();
  t.teardown(() => informer.stop());
  const names = () =>
    informer
      .list('default')
      .map((c) => c.metadata?.name)
      .sort();
  t.deepEqual(names(), ['a', 'b']);

  // The server ends the watch and, in the same tick, more changes happen than its history keeps: the informer's
  // resume from its last revision must get 410 Expired and relist.
  const resumedFrom = server.context.store.revision;
  server.endWatches();
  server.api.delete('v1', 'ConfigMap', 'default', 'a');
  for (const name of ['c', 'd', 'e', 'f', 'g', 'h']) server.api.create(configMap(name) as never);
  t.true(server.context.store.oldestWatchableRevision > resumedFrom, 'history was compacted past the informer');

  for (let i = 0; i < 200 && names().join() !== 'b,c,d,e,f,g,h'; i++) await clock.sleep(50);
  t.deepEqual(names(), ['b', 'c', 'd', 'e', 'f', 'g', 'h']);
  t.is(lists, 2, 'the informer relisted once, after the 410');
  t.deepEqual(errors, []);
});
