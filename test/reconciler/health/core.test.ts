import test from 'ava';
import { resourceHealth } from '../../../src/reconciler/health/index.ts';
import { obj } from './fixtures.ts';

const pod = (spec: object, status: object) => obj('v1', 'Pod', { spec, status });

test('Pod (health_pod.go, testdata pod-*.yaml)', (t) => {
  const cases = [
    [
      'crash loop (Always)',
      pod(
        { restartPolicy: 'Always' },
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
            },
          ],
        },
      ),
      { status: 'Degraded', message: 'back-off 5m0s restarting failed container' },
    ],
    [
      'image pull error, restartPolicy defaulted',
      pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'c', state: { waiting: { reason: 'ErrImagePull', message: 'pull failed' } } },
            { name: 'd', state: { waiting: { reason: 'CreateContainerConfigError', message: 'no secret' } } },
          ],
        },
      ),
      { status: 'Degraded', message: 'pull failed, no secret' },
    ],
    [
      'hook pod with ImagePullBackOff stays Progressing',
      pod(
        { restartPolicy: 'Never' },
        {
          phase: 'Pending',
          containerStatuses: [{ name: 'c', state: { waiting: { reason: 'ImagePullBackOff', message: 'x' } } }],
        },
      ),
      { status: 'Progressing' },
    ],
    [
      'pending',
      pod({}, { phase: 'Pending', message: 'Unschedulable' }),
      { status: 'Progressing', message: 'Unschedulable' },
    ],
    ['succeeded', pod({ restartPolicy: 'Never' }, { phase: 'Succeeded' }), { status: 'Healthy' }],
    [
      'failed with message',
      pod({}, { phase: 'Failed', message: 'The node was low on resource: memory.' }),
      { status: 'Degraded', message: 'The node was low on resource: memory.' },
    ],
    [
      'failed: init container exit code',
      pod(
        { restartPolicy: 'Never' },
        { phase: 'Failed', initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 2 } } }] },
      ),
      { status: 'Degraded', message: 'container "init" failed with exit code 2' },
    ],
    [
      'failed: OOMKilled',
      pod(
        { restartPolicy: 'Never' },
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }],
        },
      ),
      { status: 'Degraded', message: 'OOMKilled' },
    ],
    ['failed: nothing known', pod({ restartPolicy: 'Never' }, { phase: 'Failed' }), { status: 'Degraded' }],
    [
      'running ready',
      pod({}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      { status: 'Healthy' },
    ],
    [
      'running not ready after a termination',
      pod(
        {},
        {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [{ name: 'c', lastState: { terminated: { exitCode: 1 } }, state: { running: {} } }],
        },
      ),
      { status: 'Degraded' },
    ],
    [
      'running not ready yet',
      pod({}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }),
      { status: 'Progressing' },
    ],
    [
      'running hook pod',
      pod({ restartPolicy: 'OnFailure' }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      { status: 'Progressing' },
    ],
    ['no phase', pod({}, {}), { status: 'Unknown' }],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

test('Service, Ingress, PVC', (t) => {
  const cases = [
    ['ClusterIP service', obj('v1', 'Service', { spec: { type: 'ClusterIP' } }), { status: 'Healthy' }],
    [
      'LoadBalancer without ingress',
      obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } }),
      { status: 'Progressing' },
    ],
    [
      'LoadBalancer with ingress',
      obj('v1', 'Service', {
        spec: { type: 'LoadBalancer' },
        status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } },
      }),
      { status: 'Healthy' },
    ],
    [
      'Ingress unassigned',
      obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: {} } }),
      { status: 'Progressing' },
    ],
    [
      'Ingress assigned',
      obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [{ hostname: 'lb' }] } } }),
      { status: 'Healthy' },
    ],
    ['extensions Ingress', obj('extensions/v1beta1', 'Ingress', {}), { status: 'Progressing' }],
    ['PVC bound', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Bound' } }), { status: 'Healthy' }],
    ['PVC pending', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Pending' } }), { status: 'Progressing' }],
    ['PVC lost', obj('v1', 'PersistentVolumeClaim', { status: { phase: 'Lost' } }), { status: 'Degraded' }],
    ['PVC no phase', obj('v1', 'PersistentVolumeClaim', {}), { status: 'Unknown' }],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

test('Job (health_job.go, with suspension)', (t) => {
  const job = (conditions: object[]) => obj('batch/v1', 'Job', { status: { conditions } });
  const cases = [
    ['running', job([]), { status: 'Progressing' }],
    ['complete', job([{ type: 'Complete', status: 'True', message: 'done' }]), { status: 'Healthy', message: 'done' }],
    [
      'failed wins',
      job([
        { type: 'Complete', status: 'True' },
        { type: 'Failed', status: 'True', message: 'Job has reached the specified backoff limit' },
      ]),
      { status: 'Degraded', message: 'Job has reached the specified backoff limit' },
    ],
    [
      'suspended',
      job([{ type: 'Suspended', status: 'True', message: 'Job suspended' }]),
      { status: 'Suspended', aggregateAs: 'Healthy' },
    ],
    [
      'resumed (Suspended False) counts as complete',
      job([{ type: 'Suspended', status: 'False', message: 'Job resumed' }]),
      { status: 'Healthy', message: 'Job resumed' },
    ],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

test('terminating objects, kinds without checks, child Applications', (t) => {
  const deleting = obj('apps/v1', 'Deployment', { metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' } });
  t.deepEqual(resourceHealth(deleting), { status: 'Progressing', message: 'Pending deletion' });
  const hookBeingDeleted = obj('batch/v1', 'Job', {
    metadata: { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['argocd.argoproj.io/hook-finalizer'] },
    status: { conditions: [{ type: 'Complete', status: 'True' }] },
  });
  t.deepEqual(resourceHealth(hookBeingDeleted), { status: 'Healthy' });
  t.is(resourceHealth(obj('v1', 'ConfigMap')), undefined);
  t.is(resourceHealth(obj('apps/v1', 'Ingress')), undefined, 'group matters');

  const child = obj('argoproj.io/v1alpha1', 'Application', {
    status: { health: { status: 'Degraded', message: 'x' } },
  });
  t.is(resourceHealth(child), undefined, 'not assessed by default (Argo CD ≥ 1.8)');
  t.deepEqual(resourceHealth(child, { assessChildApplications: true }), { status: 'Degraded', message: 'x' });
  t.deepEqual(resourceHealth(obj('argoproj.io/v1alpha1', 'Application'), { assessChildApplications: true }), {
    status: 'Progressing',
  });
});
