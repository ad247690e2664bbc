import test from 'ava';
import { resourceHealth } from '../../../src/reconciler/health/index.ts';
import { obj } from './fixtures.ts';

const deploy = (spec: object, status: object, generation = 1) =>
  obj('apps/v1', 'Deployment', { metadata: { generation }, spec: { replicas: 3, ...spec }, status });

test('Deployment (health_deployment.go)', (t) => {
  const cases = [
    ['paused', deploy({ paused: true }, {}), { status: 'Suspended', message: 'Deployment is paused' }],
    [
      'generation not observed',
      deploy({}, { observedGeneration: 1 }, 2),
      {
        status: 'Progressing',
        message: 'Waiting for rollout to finish: observed deployment generation less then desired generation',
      },
    ],
    [
      'progress deadline exceeded wins over counts',
      deploy(
        {},
        {
          observedGeneration: 1,
          updatedReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
        },
      ),
      { status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' },
    ],
    [
      'updated < spec.replicas',
      deploy({}, { observedGeneration: 1, replicas: 3, updatedReplicas: 1 }),
      { status: 'Progressing', message: 'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...' },
    ],
    [
      'old replicas pending termination',
      deploy({}, { observedGeneration: 1, replicas: 4, updatedReplicas: 3 }),
      { status: 'Progressing', message: 'Waiting for rollout to finish: 1 old replicas are pending termination...' },
    ],
    [
      'updated but not available',
      deploy({}, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 1 }),
      { status: 'Progressing', message: 'Waiting for rollout to finish: 1 of 3 updated replicas are available...' },
    ],
    [
      'rolled out',
      deploy({}, { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      { status: 'Healthy' },
    ],
    ['scaled to zero', deploy({ replicas: 0 }, { observedGeneration: 1 }), { status: 'Healthy' }],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

const sts = (spec: object, status: object, generation = 1) =>
  obj('apps/v1', 'StatefulSet', { metadata: { generation }, spec: { replicas: 3, ...spec }, status });

test('StatefulSet (health_statefulset.go)', (t) => {
  const cases = [
    [
      'never observed',
      sts({}, {}),
      { status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' },
    ],
    [
      'stale',
      sts({}, { observedGeneration: 1 }, 2),
      { status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' },
    ],
    [
      'not ready',
      sts({}, { observedGeneration: 1, readyReplicas: 1 }),
      { status: 'Progressing', message: 'Waiting for 2 pods to be ready...' },
    ],
    [
      'partition not reached',
      sts(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
        { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 },
      ),
      {
        status: 'Progressing',
        message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
      },
    ],
    [
      'partition reached',
      sts(
        { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } },
        { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2 },
      ),
      { status: 'Healthy', message: 'partitioned roll out complete: 2 new pods have been updated...' },
    ],
    [
      'OnDelete',
      sts({ updateStrategy: { type: 'OnDelete' } }, { observedGeneration: 1, readyReplicas: 3 }),
      { status: 'Healthy', message: 'statefulset has 3 ready pods' },
    ],
    [
      'revisions differ',
      sts(
        { updateStrategy: { type: 'RollingUpdate' } },
        { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' },
      ),
      { status: 'Progressing', message: 'waiting for statefulset rolling update to complete 1 pods at revision b...' },
    ],
    [
      'complete',
      sts(
        { updateStrategy: { type: 'RollingUpdate' } },
        { observedGeneration: 1, readyReplicas: 3, currentReplicas: 3, currentRevision: 'a', updateRevision: 'a' },
      ),
      { status: 'Healthy', message: 'statefulset rolling update complete 3 pods at revision a...' },
    ],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

const ds = (spec: object, status: object, generation = 1) =>
  obj('apps/v1', 'DaemonSet', { metadata: { generation }, spec, status });

test('DaemonSet (health_daemonset.go)', (t) => {
  const cases = [
    [
      'stale',
      ds({}, { observedGeneration: 1 }, 2),
      {
        status: 'Progressing',
        message: 'Waiting for rollout to finish: observed daemon set generation less then desired generation',
      },
    ],
    [
      'OnDelete',
      ds(
        { updateStrategy: { type: 'OnDelete' } },
        { observedGeneration: 1, updatedNumberScheduled: 1, desiredNumberScheduled: 2 },
      ),
      { status: 'Healthy', message: 'daemon set 1 out of 2 new pods have been updated' },
    ],
    [
      'not updated',
      ds({}, { observedGeneration: 1, updatedNumberScheduled: 1, desiredNumberScheduled: 2 }),
      {
        status: 'Progressing',
        message: 'Waiting for daemon set "web" rollout to finish: 1 out of 2 new pods have been updated...',
      },
    ],
    [
      'not available',
      ds({}, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 }),
      {
        status: 'Progressing',
        message: 'Waiting for daemon set "web" rollout to finish: 1 of 2 updated pods are available...',
      },
    ],
    [
      'done',
      ds({}, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 }),
      { status: 'Healthy' },
    ],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});

test('ReplicaSet (health_replicaset.go)', (t) => {
  const rs = (status: object, generation = 1) =>
    obj('apps/v1', 'ReplicaSet', { metadata: { generation }, spec: { replicas: 2 }, status });
  const cases = [
    [
      'stale',
      rs({ observedGeneration: 0 }),
      {
        status: 'Progressing',
        message: 'Waiting for rollout to finish: observed replica set generation less then desired generation',
      },
    ],
    [
      'replica failure',
      rs({
        observedGeneration: 1,
        conditions: [{ type: 'ReplicaFailure', status: 'True', message: 'pods "web-x" is forbidden: exceeded quota' }],
      }),
      { status: 'Degraded', message: 'pods "web-x" is forbidden: exceeded quota' },
    ],
    [
      'not available',
      rs({ observedGeneration: 1, availableReplicas: 1 }),
      { status: 'Progressing', message: 'Waiting for rollout to finish: 1 out of 2 new replicas are available...' },
    ],
    ['available', rs({ observedGeneration: 1, availableReplicas: 2 }), { status: 'Healthy' }],
  ] as const;
  for (const [name, object, expected] of cases) t.deepEqual(resourceHealth(object), expected, name);
});
