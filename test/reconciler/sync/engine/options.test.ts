import test from 'ava';
import { configMap, hookJob, runSync, startHarness, syncOf } from './helpers.ts';

test('CreateNamespace creates the destination namespace first, with managedNamespaceMetadata', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    namespace: 'shop',
    targets: [configMap('settings')],
    syncOptions: ['CreateNamespace=true'],
    options: { managedNamespaceMetadata: { labels: { team: 'payments' } } },
  });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  t.deepEqual(
    last.resources.map((r) => [r.kind, r.name, r.syncPhase, r.status]),
    [
      ['Namespace', 'shop', 'PreSync', 'Synced'],
      ['ConfigMap', 'settings', 'Sync', 'Synced'],
    ],
  );
  const ns = await h.client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' });
  t.is(ns?.metadata.labels?.['team'], 'payments');
  t.truthy(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' }));
});

test('without CreateNamespace a missing destination namespace fails the dry run', async (t) => {
  const h = await startHarness(t);
  const states = await runSync(h, syncOf(h, { namespace: 'nowhere', targets: [configMap('settings')] }));
  t.is(states.at(-1)!.phase, 'Failed');
  t.is(states.at(-1)!.message, 'one or more objects failed to apply (dry run)');
  t.regex(states.at(-1)!.resources[0]!.message, /nowhere/);
});

test('Replace=true creates, then replaces with a PUT instead of applying', async (t) => {
  const h = await startHarness(t);
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' };
  const first = await runSync(h, syncOf(h, { targets: [configMap('settings')], syncOptions: ['Replace=true'] }));
  t.is(first.at(-1)!.resources[0]!.message, 'configmap/settings created');
  await h.client.mergePatch(ref, { data: { extra: 'drift' } });
  const live = await h.client.get(ref);
  const second = await runSync(
    h,
    syncOf(h, { targets: [configMap('settings')], live: [live!], syncOptions: ['Replace=true'] }),
  );
  t.is(second.at(-1)!.phase, 'Succeeded');
  t.is(second.at(-1)!.resources[0]!.message, 'configmap/settings replaced');
  const replaced = await h.client.get(ref);
  t.deepEqual(replaced?.['data'], { key: 'settings' }, 'a replace drops what the manifest does not have');
  t.false(replaced?.metadata.managedFields?.some((f) => f.operation === 'Apply') ?? true);
});

test('terminate: Terminating at once, then the running hook is deleted and the operation fails', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [configMap('settings'), hookJob({ name: 'slow', hook: 'PreSync', runSeconds: 600 })],
  });
  await runSync(h, sync, { until: (s) => s.waitingFor === 'completion of hook batch/Job/slow' });
  sync.terminate();
  t.is(sync.state().phase, 'Terminating');
  await sync.step();
  const state = sync.state();
  t.is(state.phase, 'Failed');
  t.is(state.message, 'Operation terminated');
  t.like(state.resources[0], { name: 'slow', hookPhase: 'Succeeded', message: 'Deleted' });
  const job = await h.client.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'slow' });
  t.true(job === undefined || job.metadata.deletionTimestamp !== undefined);
  t.false(job?.metadata.finalizers?.includes('argocd.argoproj.io/hook-finalizer') ?? false);
  t.is(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'settings' }), undefined);
});

test('selective sync applies only the chosen resources and runs no hooks', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [configMap('a'), configMap('b'), hookJob({ name: 'pre', hook: 'PreSync' })],
    options: { resources: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a' }] },
  });
  const states = await runSync(h, sync);
  t.is(states.at(-1)!.phase, 'Succeeded');
  t.deepEqual(
    states.at(-1)!.resources.map((r) => r.name),
    ['a'],
  );
  t.is(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'b' }), undefined);
  t.is(await h.client.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'pre' }), undefined);
});

test('Succeeded is terminal: terminate() and further steps change nothing', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, { targets: [configMap('a')] });
  await runSync(h, sync);
  sync.terminate();
  await sync.step();
  t.is(sync.state().phase, 'Succeeded');
});

test('terminate() during the wave delay cancels it; the next step ends the operation', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [configMap('a'), configMap('b', { 'argocd.argoproj.io/sync-wave': '1' })],
  });
  await h.live.refresh();
  const stepping = sync.step(); // applies wave 0, then sleeps 2 simulated seconds
  await h.clock.sleep(500);
  sync.terminate();
  await stepping;
  t.is(sync.state().phase, 'Terminating');
  await sync.step();
  t.like(sync.state(), { phase: 'Failed', message: 'Operation terminated' });
  t.is(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'b' }), undefined);
});
