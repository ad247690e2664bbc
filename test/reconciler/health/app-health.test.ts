import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { appHealth, type HealthStatusCode } from '../../../src/reconciler/health/index.ts';
import { obj } from './fixtures.ts';

const healthyDeploy = obj('apps/v1', 'Deployment', {
  metadata: { generation: 1 },
  spec: { replicas: 1 },
  status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
});
const progressingDeploy = obj('apps/v1', 'Deployment', {
  metadata: { generation: 2 },
  status: { observedGeneration: 1 },
});
const degradedPvc = obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Lost' } });
const configMap = obj('v1', 'ConfigMap');
const annotated = (o: KubeObject, annotations: Record<string, string>): KubeObject => ({
  ...o,
  metadata: { ...o.metadata, annotations },
});

test('app health aggregates as controller/health.go', (t) => {
  const cases: [string, Parameters<typeof appHealth>[0], HealthStatusCode][] = [
    ['no resources', [], 'Healthy'],
    ['worst wins', [{ live: healthyDeploy }, { live: progressingDeploy }, { live: degradedPvc }], 'Degraded'],
    ['kinds without checks do not count', [{ live: configMap }], 'Healthy'],
    [
      'missing does not count when something exists',
      [{ live: healthyDeploy }, { target: progressingDeploy }],
      'Healthy',
    ],
    ['all missing → Missing', [{ target: healthyDeploy }, { target: configMap }], 'Missing'],
    [
      'all missing but worse elsewhere is impossible; degraded stays',
      [{ live: degradedPvc }, { target: configMap }],
      'Degraded',
    ],
    [
      'hooks are excluded',
      [{ live: healthyDeploy }, { live: annotated(degradedPvc, { 'argocd.argoproj.io/hook': 'PreSync' }) }],
      'Healthy',
    ],
    [
      'helm hooks are excluded',
      [{ live: annotated(degradedPvc, { 'helm.sh/hook': 'post-install' }) }, { live: healthyDeploy }],
      'Healthy',
    ],
    [
      'ignore-healthcheck',
      [{ live: annotated(degradedPvc, { 'argocd.argoproj.io/ignore-healthcheck': 'true' }) }],
      'Healthy',
    ],
    [
      'Skip targets are excluded (and do not make the app Missing)',
      [{ target: annotated(configMap, { 'argocd.argoproj.io/hook': 'Skip' }) }],
      'Healthy',
    ],
    [
      'suspended Job aggregates as Healthy',
      [{ live: obj('batch/v1', 'Job', { status: { conditions: [{ type: 'Suspended', status: 'True' }] } }) }],
      'Healthy',
    ],
    ['suspended Deployment counts', [{ live: obj('apps/v1', 'Deployment', { spec: { paused: true } }) }], 'Suspended'],
  ];
  for (const [name, resources, expected] of cases) t.is(appHealth(resources).status, expected, name);
});

test('per-resource health and child apps', (t) => {
  const result = appHealth([{ live: healthyDeploy }, { target: configMap }, { live: configMap }]);
  t.deepEqual(result.resources, [{ status: 'Healthy' }, { status: 'Missing' }, undefined]);

  const child = (status: string) =>
    obj('argoproj.io/v1alpha1', 'Application', { metadata: { name: 'child' }, status: { health: { status } } });
  t.is(appHealth([{ live: child('Degraded') }]).status, 'Healthy', 'not assessed by default');
  t.is(appHealth([{ live: child('Degraded') }], { assessChildApplications: true }).status, 'Degraded');
  t.is(appHealth([{ live: child('Unknown') }], { assessChildApplications: true }).status, 'Healthy');
  t.is(appHealth([{ live: child('Missing') }], { assessChildApplications: true }).status, 'Healthy');

  const self = obj('argoproj.io/v1alpha1', 'Application', {
    metadata: { name: 'root', namespace: 'argocd' },
    status: { health: { status: 'Degraded' } },
  });
  const own = appHealth([{ live: self }], {
    assessChildApplications: true,
    app: { name: 'root', namespace: 'argocd' },
  });
  t.is(own.status, 'Healthy');
  t.deepEqual(own.resources, [undefined]);
});
