import test from 'ava';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { resourceKey } from '../../../../src/reconciler/sync/engine/index.ts';
import { configMap, deployment, NS, runSync, seed, startHarness, syncOf } from './helpers.ts';

const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name });

/** A Deployment whose container carries a misspelt field, as a typo in git would. */
function withTypo(): KubeObject {
  const d = deployment('web');
  const spec = d['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } };
  spec.template.spec.containers[0]!['imagePullPolcy'] = 'Always';
  return d;
}

test('ApplyOutOfSyncOnly=true applies only what the comparison found OutOfSync; Synced ones are untouched', async (t) => {
  const h = await startHarness(t);
  const live = await seed(h, [configMap('same'), configMap('changed')]);
  // Someone edits `same` in a field the comparison ignores (ignoreDifferences): it stays Synced.
  await h.client.mergePatch(cmRef('same'), { data: { key: 'edited' } }, { fieldManager: 'kubectl-edit' });
  const before = await h.client.get(cmRef('same'));
  const changed = { ...configMap('changed'), data: { key: 'v2' } };
  const statuses = new Map([
    [resourceKey({ kind: 'ConfigMap', namespace: NS, name: 'same' }), 'Synced' as const],
    [resourceKey({ kind: 'ConfigMap', namespace: NS, name: 'changed' }), 'OutOfSync' as const],
  ]);
  const states = await runSync(
    h,
    syncOf(h, {
      targets: [configMap('same'), changed, configMap('new')],
      live,
      syncOptions: ['ApplyOutOfSyncOnly=true'],
      options: { resourceStatuses: statuses },
    }),
  );
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  t.deepEqual(
    last.resources.map((r) => [r.name, r.status]),
    [
      ['changed', 'Synced'],
      ['new', 'Synced'],
    ],
    'a resource the comparison did not see (new) is applied',
  );
  const after = await h.client.get(cmRef('same'));
  t.is(after?.metadata.resourceVersion, before?.metadata.resourceVersion);
  t.deepEqual(after?.metadata.managedFields, before?.metadata.managedFields);
  t.deepEqual(after?.['data'], { key: 'edited' });
  t.deepEqual((await h.client.get(cmRef('changed')))?.['data'], { key: 'v2' });

  // Without the option the same statuses are ignored: everything is applied.
  const all = await runSync(
    h,
    syncOf(h, {
      targets: [configMap('same'), changed, configMap('new')],
      live: [(await h.client.get(cmRef('same')))!, (await h.client.get(cmRef('changed')))!],
      options: { resourceStatuses: statuses },
    }),
  );
  t.is(all.at(-1)!.resources.length, 3);
  t.deepEqual((await h.client.get(cmRef('same')))?.['data'], { key: 'same' });
});

test('ApplyOutOfSyncOnly=true with everything Synced succeeds without applying anything', async (t) => {
  const h = await startHarness(t);
  const live = await seed(h, [configMap('only')]);
  const before = await h.client.get(cmRef('only'));
  const states = await runSync(
    h,
    syncOf(h, {
      targets: [configMap('only')],
      live,
      syncOptions: ['ApplyOutOfSyncOnly=true'],
      options: {
        resourceStatuses: new Map([[resourceKey({ kind: 'ConfigMap', namespace: NS, name: 'only' }), 'Synced']]),
      },
    }),
  );
  t.like(states.at(-1), { phase: 'Succeeded', message: 'successfully synced (no more tasks)', resources: [] });
  t.is((await h.client.get(cmRef('only')))?.metadata.resourceVersion, before?.metadata.resourceVersion);
});

test('an unknown field fails the dry run naming it, nothing applied (kubectl --validate=true is Strict)', async (t) => {
  const h = await startHarness(t);
  const states = await runSync(h, syncOf(h, { targets: [configMap('side'), withTypo()] }));
  const last = states.at(-1)!;
  t.is(last.phase, 'Failed');
  t.is(last.message, 'one or more objects failed to apply (dry run)');
  const failed = last.resources.find((r) => r.name === 'web');
  t.is(failed?.status, 'SyncFailed');
  t.regex(failed?.message ?? '', /unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy"/);
  t.is(await h.client.get(cmRef('side')), undefined);
});

test('Validate=false (app or resource annotation) applies the manifest with the unknown field dropped', async (t) => {
  const h = await startHarness(t);
  const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'web' };
  const states = await runSync(h, syncOf(h, { targets: [withTypo()], syncOptions: ['Validate=false'] }));
  t.is(states.at(-1)!.phase, 'Succeeded', states.at(-1)!.message);
  const live = await h.client.get(ref);
  t.truthy(live);
  const spec = live!['spec'] as { template: { spec: { containers: Record<string, unknown>[] } } };
  const container = spec.template.spec.containers[0]!;
  t.is(container['imagePullPolcy'], undefined);
  t.is(container['image'], 'nginx:1.27');

  const annotated = withTypo();
  annotated.metadata = {
    ...annotated.metadata,
    name: 'web2',
    annotations: { 'argocd.argoproj.io/sync-options': 'Validate=false' },
  };
  const second = await runSync(h, syncOf(h, { targets: [annotated] }));
  t.is(second.at(-1)!.phase, 'Succeeded', second.at(-1)!.message);
});
