import { KubeConfig } from '@kubernetes/client-node';
import test from 'ava';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';
import { ClusterClient, ClusterError } from '../../../src/reconciler/cluster/index.ts';

async function connect() {
  const server = await startApiServer({ clock: new ScaledClock() });
  const config = new KubeConfig();
  config.loadFromString(kubeconfigFor(server.url));
  return { server, client: new ClusterClient(config) };
}

const cm = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'default' },
  data: { a: '1' },
};

test('apply creates and updates through server-side apply; a dry run changes nothing', async (t) => {
  const { server, client } = await connect();
  t.teardown(() => server.close());
  const dry = await client.apply(cm, { fieldManager: 'argocd-controller', dryRun: true });
  t.is(dry.metadata.name, 'settings');
  t.is(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' }), undefined);
  await client.apply(cm, { fieldManager: 'argocd-controller' });
  const updated = await client.apply({ ...cm, data: { a: '2' } }, { fieldManager: 'argocd-controller' });
  t.deepEqual(updated['data'], { a: '2' });
  t.is(updated.metadata.managedFields?.[0]?.manager, 'argocd-controller');
  const listed = await client.list('v1', 'ConfigMap', { namespace: 'default' });
  t.deepEqual(
    listed.items.map((i) => `${i.kind}/${i.metadata.name}`),
    ['ConfigMap/settings'],
  );
  const patched = await client.mergePatch(
    { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' },
    { data: { b: '3' } },
  );
  t.deepEqual(patched['data'], { a: '2', b: '3' });
  await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' });
  await client.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' });
  t.is(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' }), undefined);
});

test('discovery finds a CRD created after the first look, and names an unknown kind', async (t) => {
  const { server, client } = await connect();
  t.teardown(() => server.close());
  const missing = await t.throwsAsync(client.get({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' }));
  t.true(missing instanceof ClusterError);
  t.regex(missing!.message, /no kind "Widget" is served in example.com\/v1/);
  await client.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Cluster',
      names: { kind: 'Widget', plural: 'widgets' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  await new Promise((r) => setTimeout(r, 50));
  t.false(await client.discovery.isNamespaced('example.com/v1', 'Widget'));
  await client.apply(
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, size: 3 },
    { fieldManager: 'm' },
  );
  t.is((await client.get({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' }))?.['size'], 3);
});

test('an unreachable API server is a clear error', async (t) => {
  const config = new KubeConfig();
  config.loadFromString(kubeconfigFor('http://127.0.0.1:1'));
  const error = await t.throwsAsync(new ClusterClient(config).get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }));
  t.regex(error!.message, /does not answer/);
});
