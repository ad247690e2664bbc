import test from 'ava';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { configMap, deployment, runSync, startHarness, syncOf } from './helpers.ts';

test('a malformed manifest fails the dry run and nothing is applied', async (t) => {
  const h = await startHarness(t);
  const bad: KubeObject = { ...deployment('broken'), spec: { replicas: 'three', selector: {}, template: {} } };
  const states = await runSync(h, syncOf(h, { targets: [configMap('fine'), bad] }));
  const last = states.at(-1)!;
  t.is(last.phase, 'Failed');
  t.is(last.message, 'one or more objects failed to apply (dry run)');
  t.is(last.resources.length, 1);
  t.like(last.resources[0], { kind: 'Deployment', name: 'broken', status: 'SyncFailed', hookPhase: 'Failed' });
  t.regex(last.resources[0]!.message, /replicas|selector|template/);
  t.is(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'fine' }), undefined);
});

test('a kind the cluster does not serve (and no CRD in the sync defines) makes the tasks invalid', async (t) => {
  const h = await startHarness(t);
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
  const states = await runSync(h, syncOf(h, { targets: [configMap('fine'), widget] }));
  t.is(states.at(-1)!.phase, 'Failed');
  t.is(states.at(-1)!.message, 'one or more synchronization tasks are not valid');
  t.regex(states.at(-1)!.resources[0]!.message, /Widget/);
  t.is(await h.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'fine' }), undefined);
});

test('the dryRun option only validates: Succeeded, results marked dry run, nothing created', async (t) => {
  const h = await startHarness(t);
  const states = await runSync(h, syncOf(h, { targets: [deployment('web')], options: { dryRun: true } }));
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  t.deepEqual(
    last.resources.map((r) => [r.name, r.status, r.hookPhase, r.message]),
    [['web', 'Synced', 'Succeeded', 'deployment.apps/web serverside-applied (server dry run)']],
  );
  t.is(await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }), undefined);
});

test('a CRD and its custom resource in one sync: the CR skips the dry run and is applied after the CRD', async (t) => {
  const h = await startHarness(t);
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, size: 3 };
  const states = await runSync(h, syncOf(h, { targets: [widget, crd] }));
  t.is(states.at(-1)!.phase, 'Succeeded', states.at(-1)!.message);
  t.deepEqual(
    states.at(-1)!.resources.map((r) => r.kind),
    ['CustomResourceDefinition', 'Widget'],
  );
  const live = await h.client.get({ apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'default', name: 'w' });
  t.is(live?.['size'], 3);
});
