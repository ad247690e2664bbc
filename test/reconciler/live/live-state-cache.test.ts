import test from 'ava';
import type { Clock } from '../../../src/clock/index.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { LiveStateCache } from '../../../src/reconciler/live/index.ts';
import { configMap, deployment, FIELD_MANAGER, startCluster } from '../diff/helpers.ts';

interface Seen {
  app: string | undefined;
  name: string | undefined;
  type: 'added' | 'modified' | 'deleted';
}

async function startCache(options: { historySize?: number } = {}) {
  const cluster = await startCluster(options);
  const controller = new AbortController();
  const seen: Seen[] = [];
  const cache = new LiveStateCache({
    client: cluster.client,
    kubeconfig: cluster.kubeconfig,
    clock: cluster.clock,
    signal: controller.signal,
    onChange: (app, object, previous) =>
      seen.push({
        app,
        name: (object ?? previous)?.metadata.name,
        type: !object ? 'deleted' : previous ? 'modified' : 'added',
      }),
  });
  const stop = async () => {
    controller.abort();
    await cluster.server.close();
  };
  return { ...cluster, cache, seen, stop };
}

async function until(clock: Clock, condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await clock.sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const apply = (
  client: { apply: (o: KubeObject, x: { fieldManager: string; force: boolean }) => Promise<unknown> },
  o: KubeObject,
) => client.apply(o, { fieldManager: FIELD_MANAGER, force: true });

test('watch lists once, indexes by app instance, and resolves get() for namespaced and cluster-scoped kinds', async (t) => {
  const { client, cache, seen, stop } = await startCache();
  t.teardown(stop);
  await apply(client, configMap('a1', {}, 'app-a'));
  await apply(client, configMap('b1', {}, 'app-b'));
  await client.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'untracked', namespace: 'kube-system' },
  });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });

  await cache.watch([
    { apiVersion: 'v1', kind: 'ConfigMap' },
    { apiVersion: 'v1', kind: 'Namespace' },
    { apiVersion: 'example.com/v1', kind: 'NotInstalled' },
  ]);
  await cache.watch([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
  t.deepEqual(seen, [], 'the initial list is not a change');
  t.deepEqual(
    cache.managedObjects('app-a').map((o) => o.metadata.name),
    ['a1'],
  );
  t.deepEqual(cache.managedObjects('nope'), []);
  t.truthy(cache.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-system', name: 'untracked' }));
  t.truthy(cache.get({ apiVersion: 'v1', kind: 'Namespace', namespace: 'ignored', name: 'team' }));
  t.is(cache.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }), undefined);
  t.true(cache.isWatched({ apiVersion: 'v1', kind: 'ConfigMap' }));
  t.false(cache.isWatched({ apiVersion: 'example.com/v1', kind: 'NotInstalled' }));
});

test('a change is in the cache and reported with its app within one watch event', async (t) => {
  const { client, clock, cache, seen, stop } = await startCache();
  t.teardown(stop);
  await cache.watch([{ apiVersion: 'apps/v1', kind: 'Deployment' }]);
  await apply(client, deployment());
  await until(clock, () => seen.length === 1, 'the ADDED event');
  t.deepEqual(seen, [{ app: 'guestbook', name: 'web', type: 'added' }]);
  t.is(cache.managedObjects('guestbook').length, 1);

  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
  await client.mergePatch(ref, { spec: { replicas: 4 } }, { fieldManager: 'kubectl', subresource: 'scale' });
  await until(clock, () => seen.length === 2, 'the MODIFIED event');
  t.deepEqual(seen[1], { app: 'guestbook', name: 'web', type: 'modified' });
  t.is((cache.get(ref)!.spec as { replicas: number }).replicas, 4);
  t.is((cache.managedObjects('guestbook')[0]!.spec as { replicas: number }).replicas, 4);

  await client.delete(ref);
  await until(clock, () => seen.length === 3, 'the DELETED event');
  t.deepEqual(seen[2], { app: 'guestbook', name: 'web', type: 'deleted' });
  t.deepEqual(cache.managedObjects('guestbook'), []);
  t.is(cache.get(ref), undefined);
});

test('an object moved to another app is re-indexed and both apps hear of it; copies of a tracking id are not managed', async (t) => {
  const { client, clock, cache, seen, stop } = await startCache();
  t.teardown(stop);
  const unsubscribe = cache.subscribe(() => undefined);
  await cache.watch([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
  await apply(client, configMap('shared', {}, 'one'));
  await until(clock, () => seen.length === 1, 'the first event');
  await apply(client, configMap('shared', {}, 'two'));
  await until(clock, () => seen.length === 3, 'the move');
  t.deepEqual(
    seen.slice(1).map((s) => s.app),
    ['two', 'one'],
  );
  t.deepEqual(cache.managedObjects('one'), []);
  t.is(cache.managedObjects('two').length, 1);

  // The annotation copied onto another object (kubectl get -o yaml | sed | kubectl apply) does not make it managed.
  const copy = configMap('copy', {}, 'two');
  copy.metadata.annotations = { 'argocd.argoproj.io/tracking-id': 'two:/ConfigMap:default/shared' };
  await apply(client, copy);
  await until(clock, () => seen.length === 4, 'the copy');
  t.deepEqual(seen[3], { app: undefined, name: 'copy', type: 'added' });
  t.deepEqual(
    cache.managedObjects('two').map((o) => o.metadata.name),
    ['shared'],
  );
  t.deepEqual(
    cache.liveObjects('two', [configMap('copy', {}, 'two')]).map((o) => o.metadata.name),
    ['shared', 'copy'],
    'liveObjects adds untracked objects that have a target identity',
  );
  unsubscribe();
});

test('survives a 410 Expired by relisting, reports what changed in the gap, and keeps watching', async (t) => {
  const { server, client, clock, cache, seen, stop } = await startCache({ historySize: 5 });
  t.teardown(stop);
  for (const name of ['a', 'b']) await apply(client, configMap(name));
  await cache.watch([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
  let lists = 0;
  const original = client.list.bind(client);
  client.list = (...args: Parameters<typeof client.list>) => {
    lists++;
    return original(...args);
  };
  const resumedFrom = server.context.store.revision;
  // The server ends the watch and, in the same tick, more changes happen than its history keeps.
  server.endWatches();
  server.api.delete('v1', 'ConfigMap', 'default', 'a');
  for (const name of ['c', 'd', 'e', 'f', 'g', 'h']) server.api.create(configMap(name) as never);
  t.true(server.context.store.oldestWatchableRevision > resumedFrom, 'history was compacted past the cache');
  const names = () =>
    cache
      .managedObjects('guestbook')
      .map((o) => o.metadata.name)
      .sort()
      .join();
  await until(clock, () => names() === 'b,c,d,e,f,g,h', 'the relist');
  t.deepEqual(seen.map((s) => `${s.type} ${s.name}`).sort(), [
    'added c',
    'added d',
    'added e',
    'added f',
    'added g',
    'added h',
    'deleted a',
  ]);
  t.is(lists, 1, 'one relist, after the 410');

  seen.length = 0;
  await apply(client, configMap('i'));
  await until(clock, () => seen.length === 1, 'an event after the relist');
  t.deepEqual(seen, [{ app: 'guestbook', name: 'i', type: 'added' }]);
});

test('reconnects after the server closes the watch, without relisting', async (t) => {
  const { server, client, clock, cache, seen, stop } = await startCache();
  t.teardown(stop);
  await cache.watch([{ apiVersion: 'v1', kind: 'ConfigMap' }]);
  let lists = 0;
  const original = client.list.bind(client);
  client.list = (...args: Parameters<typeof client.list>) => {
    lists++;
    return original(...args);
  };
  for (let i = 0; i < 3; i++) {
    server.endWatches();
    await apply(client, configMap(`after-${i}`));
    await until(clock, () => seen.length === i + 1, `event ${i} after the reconnect`);
  }
  t.is(lists, 0);
  t.is(cache.managedObjects('guestbook').length, 3);
});

test('watch() after the signal aborted is refused with a coded error', async (t) => {
  const cluster = await startCluster();
  t.teardown(() => cluster.server.close());
  const controller = new AbortController();
  const cache = new LiveStateCache({ ...cluster, signal: controller.signal });
  controller.abort();
  await t.throwsAsync(cache.watch([{ apiVersion: 'v1', kind: 'ConfigMap' }]), { code: 'LIVE_STATE_CLOSED' });
});
