import test from 'ava';
import type { KubeObject } from '../../../../src/kube/object.ts';
import {
  createSyncTask,
  type SyncPhase,
  type SyncTask,
  sortTasks,
} from '../../../../src/reconciler/sync/plan/index.ts';
import { res, wave } from './fixtures.ts';

const task = (target: KubeObject, phase: SyncPhase = 'Sync') => createSyncTask({ phase, target });
const show = (tasks: SyncTask[]) => tasks.map((t) => `${t.phase}/${t.wave} ${t.kind}/${t.name}`);

test('phase, then wave, then kind (Helm order, unknown last), then name (sync_tasks_test.go)', (t) => {
  const tasks = [
    task(res('v1', 'Service', 'b')),
    task(res('apps/v1', 'Deployment', 'a')),
    task(res('example.com/v1', 'Widget', 'a')),
    task(res('v1', 'ConfigMap', 'z')),
    task(res('v1', 'ConfigMap', 'a')),
    task(res('v1', 'Namespace', 'ns')),
    task(res('batch/v1', 'Job', 'migrate', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }), 'PreSync'),
    task(res('batch/v1', 'Job', 'notify', { annotations: { 'argocd.argoproj.io/hook': 'PostSync' } }), 'PostSync'),
    task(res('batch/v1', 'Job', 'cleanup', { annotations: { 'argocd.argoproj.io/hook': 'SyncFail' } }), 'SyncFail'),
    task(res('v1', 'Secret', 'early', { annotations: wave(-1) })),
    task(res('v1', 'Service', 'late', { annotations: wave(2) })),
    task(res('apiregistration.k8s.io/v1', 'APIService', 'api')),
  ];
  t.deepEqual(show(sortTasks(tasks)), [
    'PreSync/0 Job/migrate',
    'Sync/-1 Secret/early',
    'Sync/0 Namespace/ns',
    'Sync/0 ConfigMap/a',
    'Sync/0 ConfigMap/z',
    'Sync/0 Service/b',
    'Sync/0 Deployment/a',
    'Sync/0 APIService/api',
    'Sync/0 Widget/a',
    'Sync/2 Service/late',
    'PostSync/0 Job/notify',
    'SyncFail/0 Job/cleanup',
  ]);
});

test('a Namespace moves before the first object in it, taking its phase and wave', (t) => {
  const tasks = [
    task(res('v1', 'ConfigMap', 'cm', { namespace: 'team', annotations: wave(-3) })),
    task(res('v1', 'Namespace', 'team', { annotations: wave(5) })),
    task(res('v1', 'Namespace', 'unused', { annotations: wave(1) })),
    task(
      res('batch/v1', 'Job', 'pre', { namespace: 'other', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }),
      'PreSync',
    ),
    task(res('v1', 'Namespace', 'other')),
  ];
  t.deepEqual(show(sortTasks(tasks)), [
    'PreSync/0 Namespace/other',
    'PreSync/0 Job/pre',
    'Sync/-3 Namespace/team',
    'Sync/-3 ConfigMap/cm',
    'Sync/1 Namespace/unused',
  ]);
});

test('a CRD moves before the first custom resource of its group/kind', (t) => {
  const crd = res('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', {
    annotations: wave(3),
    spec: { group: 'example.com', names: { kind: 'Widget' } },
  });
  const tasks = [
    task(res('example.com/v1', 'Widget', 'w', { namespace: 'default', annotations: wave(-1) })),
    task(res('v1', 'Namespace', 'default', { annotations: wave(2) })),
    task(crd),
    task(res('example.com/v1', 'Gadget', 'g', { namespace: 'default' })),
  ];
  t.deepEqual(show(sortTasks(tasks)), [
    'Sync/-1 Namespace/default',
    'Sync/-1 CustomResourceDefinition/widgets.example.com',
    'Sync/-1 Widget/w',
    'Sync/0 Gadget/g',
  ]);
});
