import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { RESOURCES_FINALIZER } from '../../../src/reconciler/controller/index.ts';
import { configMap, deployment, startWorld } from './helpers.ts';

const appRef = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  namespace: 'argocd',
  name,
});
const succeeded = (a: Application) => a.status?.operationState?.phase === 'Succeeded' && !a.operation;

test.serial(
  'manual sync: an operation written by the operator syncs; then a rollback to the first entry',
  async (t) => {
    const world = await startWorld(t);
    const v1 = await world.push({ 'man/cm.yaml': configMap('man', 'v1') });
    await world.createApp('man', { source: { repoURL: world.repoURL, path: 'man', targetRevision: 'main' } });
    await world.waitApp('man', (a) => a.status?.sync?.status === 'OutOfSync');
    await world.client.mergePatch(appRef('man'), {
      operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } },
    });
    const first = await world.waitApp('man', (a) => succeeded(a) && a.status?.sync?.status === 'Synced');
    t.like(first.status!.history![0], { id: 0, revision: v1, initiatedBy: { username: 'admin' } });

    const v2 = await world.push({ 'man/cm.yaml': configMap('man', 'v2') });
    world.controller.refresh('man');
    await world.waitApp('man', (a) => a.status?.sync?.revision === v2 && a.status.sync.status === 'OutOfSync');
    await world.client.mergePatch(appRef('man'), {
      operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } },
    });
    await world.waitApp('man', (a) => succeeded(a) && (a.status?.history?.length ?? 0) === 2);
    const cm = () => world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'man' });
    t.deepEqual((await cm())?.['data'], { value: 'v2' });

    // Rollback (what `app rollback man 0` writes): the entry's revision and source.
    const entry = (await world.getApp('man')).status!.history![0]!;
    await world.client.mergePatch(appRef('man'), {
      operation: { sync: { revision: entry.revision, source: entry.source }, initiatedBy: { username: 'admin' } },
    });
    const rolled = await world.waitApp('man', (a) => succeeded(a) && (a.status?.history?.length ?? 0) === 3);
    t.deepEqual((await cm())?.['data'], { value: 'v1' });
    t.like(rolled.status!.history![2], { id: 2, revision: v1 });
    // The app then shows OutOfSync against its targetRevision (digest §6, inferred).
    await world.waitApp('man', (a) => a.status?.sync?.status === 'OutOfSync' && a.status.sync.revision === v2);
  },
);

test.serial('self-heal undoes kubectl set image', async (t) => {
  const world = await startWorld(t);
  await world.push({ 'img/deploy.yaml': deployment('img', 1, 'nginx:1.27') });
  await world.createApp('img', {
    source: { repoURL: world.repoURL, path: 'img' },
    syncPolicy: { automated: { selfHeal: true } },
  });
  await world.waitApp('img', (a) => a.status?.sync?.status === 'Synced' && succeeded(a));
  const set = await world.kubectl(['set', 'image', 'deployment/img', 'main=nginx:9.9', '-n', 'default']);
  t.is(set.exitCode, 0, set.stderr);
  const image = async () => {
    const d = await world.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'img' });
    const spec = d?.['spec'] as { template: { spec: { containers: { image: string }[] } } } | undefined;
    return spec?.template.spec.containers[0]?.image;
  };
  const deadline = performance.now() + 30_000;
  while ((await image()) !== 'nginx:1.27' && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  t.is(await image(), 'nginx:1.27');
  await world.waitApp('img', (a) => a.status?.sync?.status === 'Synced');
});

test.serial('cascade deletion: the resources finalizer deletes managed objects, then the app goes', async (t) => {
  const world = await startWorld(t);
  await world.push({ 'del/cm.yaml': configMap('del-cm') });
  await world.createApp('del', { source: { repoURL: world.repoURL, path: 'del' }, syncPolicy: { automated: {} } }, {
    metadata: { finalizers: [RESOURCES_FINALIZER] },
  } as Partial<Application>);
  await world.waitApp('del', (a) => a.status?.sync?.status === 'Synced');
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'del-cm' };
  t.truthy(await world.client.get(ref));
  await world.client.delete(appRef('del'));
  const deadline = performance.now() + 30_000;
  while ((await world.client.get(appRef('del'))) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  t.is(await world.client.get(appRef('del')), undefined);
  t.is(await world.client.get(ref), undefined);
});
