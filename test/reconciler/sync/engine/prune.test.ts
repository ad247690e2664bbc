import test from 'ava';
import { configMap, deployment, runSync, seed, startHarness, syncOf } from './helpers.ts';

const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name });

test('prune deletes live objects without target (foreground) and a later wave waits until they are gone', async (t) => {
  const h = await startHarness(t);
  const held = { ...configMap('old-settings'), metadata: { name: 'old-settings', finalizers: ['example.com/hold'] } };
  const live = await seed(h, [deployment('old-web'), held]);
  const sync = syncOf(h, {
    targets: [configMap('new-settings', { 'argocd.argoproj.io/sync-wave': '1' })],
    live,
    options: { prune: true },
  });
  const waiting = await runSync(h, sync, { until: (s) => s.waitingFor?.startsWith('deletion') ?? false });
  t.is(waiting.at(-1)!.waitingFor, 'deletion of /ConfigMap/old-settings');
  t.false(waiting.at(-1)!.resources.some((r) => r.name === 'new-settings'));
  await h.client.mergePatch(cmRef('old-settings'), { metadata: { finalizers: null } });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  t.deepEqual(
    last.resources.map((r) => [r.kind, r.name, r.status, r.message]),
    [
      ['ConfigMap', 'old-settings', 'Pruned', 'pruned'],
      ['Deployment', 'old-web', 'Pruned', 'pruned'],
      ['ConfigMap', 'new-settings', 'Synced', 'configmap/new-settings serverside-applied'],
    ],
  );
  t.is(
    await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'old-web' }),
    undefined,
  );
  t.is(await h.client.get(cmRef('old-settings')), undefined);
});

test('without prune, and with Prune=false, extra objects are kept and reported PruneSkipped', async (t) => {
  const h = await startHarness(t);
  const live = await seed(h, [
    configMap('extra'),
    configMap('precious', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
  ]);
  const noPrune = await runSync(h, syncOf(h, { targets: [configMap('app')], live }));
  t.is(noPrune.at(-1)!.phase, 'Succeeded');
  t.deepEqual(
    noPrune.at(-1)!.resources.map((r) => [r.name, r.status, r.message]),
    [
      // Prunes run first within a wave (gitops-engine runTasks), so their results come first.
      ['extra', 'PruneSkipped', 'ignored (requires pruning)'],
      ['precious', 'PruneSkipped', 'ignored (requires pruning)'],
      ['app', 'Synced', 'configmap/app serverside-applied'],
    ],
  );
  const withPrune = await runSync(h, syncOf(h, { targets: [configMap('app')], live, options: { prune: true } }));
  t.deepEqual(
    withPrune.at(-1)!.resources.map((r) => [r.name, r.status, r.message]),
    [
      ['extra', 'Pruned', 'pruned'],
      ['precious', 'PruneSkipped', 'ignored (no prune)'],
      ['app', 'Synced', 'configmap/app serverside-applied'],
    ],
  );
  t.truthy(await h.client.get(cmRef('precious')));
  t.is(await h.client.get(cmRef('extra')), undefined);
});

test('PruneLast prunes after the last Sync wave has been applied', async (t) => {
  const h = await startHarness(t);
  const live = await seed(h, [configMap('old')]);
  const sync = syncOf(h, {
    targets: [configMap('a'), configMap('b', { 'argocd.argoproj.io/sync-wave': '1' })],
    live,
    options: { prune: true },
    syncOptions: ['PruneLast=true'],
  });
  const states = await runSync(h, sync);
  t.is(states.at(-1)!.phase, 'Succeeded');
  t.deepEqual(
    states.at(-1)!.resources.map((r) => [r.name, r.status]),
    [
      ['a', 'Synced'],
      ['b', 'Synced'],
      ['old', 'Pruned'],
    ],
  );
  const bApplied = states.findIndex((s) => s.resources.some((r) => r.name === 'b'));
  const oldPruned = states.findIndex((s) => s.resources.some((r) => r.name === 'old'));
  t.true(oldPruned > bApplied);
});
