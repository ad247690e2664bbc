import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { rolloutComplete } from '../../../src/timeline/matchers.ts';
import { applicationTransitions } from '../../../src/timeline/recorder/transitions/application.ts';
import { deploymentTransitions } from '../../../src/timeline/recorder/transitions/deployment.ts';
import { endpointTransitions } from '../../../src/timeline/recorder/transitions/endpoints.ts';
import { imageUpdateTransitions } from '../../../src/timeline/recorder/transitions/image-updates.ts';
import { nodeTransitions } from '../../../src/timeline/recorder/transitions/node.ts';
import { podTransitions } from '../../../src/timeline/recorder/transitions/pod.ts';

const app = (status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'argocd' },
  status,
});

test('applications: sync, health and operation transitions; a new operation counts even in the same phase', (t) => {
  const a = app({ sync: { status: 'OutOfSync', revision: 'abcdef123' }, health: { status: 'Missing' } });
  const b = app({
    sync: { status: 'OutOfSync', revision: 'abcdef123' },
    health: { status: 'Missing' },
    operationState: { phase: 'Succeeded', startedAt: '2026-01-01T00:00:01Z', syncResult: { revision: 'abcdef123' } },
  });
  const c = app({
    ...b['status']!,
    operationState: { phase: 'Succeeded', startedAt: '2026-01-01T00:00:09Z', syncResult: { revision: 'abcdef123' } },
  } as Record<string, unknown>);
  t.deepEqual(
    applicationTransitions(a, undefined).map((d) => `${d.type} ${d.message}`),
    ['sync-status OutOfSync at abcdef1', 'health Missing'],
  );
  t.deepEqual(applicationTransitions(a, a), [], 'a resync is no transition');
  t.deepEqual(
    applicationTransitions(b, a).map((d) => [d.type, d.data]),
    [['operation', { phase: 'Succeeded', revision: 'abcdef123' }]],
  );
  t.is(applicationTransitions(c, b).length, 1);
  t.deepEqual(applicationTransitions(undefined, c), []);
});

const pod = (status: Record<string, unknown>, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-1',
    namespace: 'default',
    uid: 'u1',
    labels: { app: 'web' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5f', uid: 'r', controller: true }],
    ...extra,
  },
  spec: { nodeName: status['node'], containers: [{ name: 'web', image: 'reg/web:v1' }] },
  status,
});

const waiting = (reason: string) => ({
  node: 'worker-1',
  containerStatuses: [{ name: 'web', state: { waiting: { reason, message: 'back-off' } } }],
});

test('pods: created, scheduled, ready, not-ready, terminating, deleted; each failure reason once per container', (t) => {
  const transitions = podTransitions();
  const types = (object: KubeObject | undefined, previous: KubeObject | undefined) =>
    transitions(object, previous).map((d) => d.type);
  const pending = pod({});
  const scheduled = pod({ node: 'worker-1' });
  const ready = pod({ node: 'worker-1', conditions: [{ type: 'Ready', status: 'True' }] });
  const notReady = pod({ node: 'worker-1', conditions: [{ type: 'Ready', status: 'False', reason: 'NodeLost' }] });
  const terminating = pod({ node: 'worker-1' }, { deletionTimestamp: '2026-01-01T00:00:00Z' });
  t.deepEqual(types(pending, undefined), ['created']);
  const created = transitions(pending, undefined)[0]!;
  t.deepEqual(created.data, { app: 'web', owner: 'ReplicaSet/web-5f', images: ['reg/web:v1'] });
  t.is(created.subject, 'default/web-1');
  t.deepEqual(types(scheduled, pending), ['scheduled']);
  t.deepEqual(types(ready, scheduled), ['ready']);
  t.deepEqual(types(ready, ready), []);
  t.deepEqual(transitions(notReady, ready)[0]!.data, {
    app: 'web',
    owner: 'ReplicaSet/web-5f',
    node: 'worker-1',
    reason: 'NodeLost',
  });
  t.deepEqual(types(terminating, notReady), ['terminating']);
  t.deepEqual(types(undefined, terminating), ['deleted']);

  const pull = pod(waiting('ErrImagePull'));
  const backoff = pod(waiting('ImagePullBackOff'));
  t.deepEqual(types(pull, scheduled), ['failed']);
  t.deepEqual(types(backoff, pull), ['failed']);
  t.deepEqual(types(pull, backoff), [], 'ErrImagePull again on the next retry is not news');
  t.like(transitions(pod(waiting('CrashLoopBackOff')), pull)[0]!.data, {
    reason: 'CrashLoopBackOff',
    container: 'web',
  });
});

test('nodes: Ready status and taint changes', (t) => {
  const node = (ready: string, taints: { key: string; effect: string }[] = []): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-2' },
    spec: { taints },
    status: {
      conditions: [{ type: 'Ready', status: ready, reason: ready === 'True' ? 'KubeletReady' : 'NodeStatusUnknown' }],
    },
  });
  const up = node('True');
  const lost = node('Unknown', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]);
  t.deepEqual(
    nodeTransitions(up, undefined).map((d) => d.type),
    ['ready'],
  );
  t.deepEqual(
    nodeTransitions(lost, up).map((d) => [d.type, d.data]),
    [
      ['ready', { status: 'Unknown', reason: 'NodeStatusUnknown' }],
      ['taints', { taints: ['node.kubernetes.io/unreachable:NoSchedule'] }],
    ],
  );
  t.deepEqual(nodeTransitions(lost, lost), []);
});

test('endpoints: summed over all slices of a Service, reported when the sums change', (t) => {
  const transitions = endpointTransitions();
  const slice = (name: string, ready: (boolean | undefined)[]): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: 'web', labels: { 'kubernetes.io/service-name': 'backend' } },
    endpoints: ready.map((r, i) => ({ addresses: [`10.0.0.${i}`], conditions: r === undefined ? {} : { ready: r } })),
  });
  const a = slice('backend-a', [true, undefined]);
  const b = slice('backend-b', [false]);
  t.deepEqual(transitions(a, undefined)[0]!.data, { ready: 2, notReady: 0 });
  t.deepEqual(transitions(b, undefined)[0]!.data, { ready: 2, notReady: 1 });
  t.deepEqual(transitions(slice('backend-b', [false]), b), [], 'the same sums again');
  const removed = transitions(undefined, a)[0]!;
  t.is(removed.subject, 'web/backend');
  t.deepEqual(removed.data, { ready: 0, notReady: 1 });
  t.deepEqual(transitions({ ...a, metadata: { ...a.metadata, labels: {} } }, undefined), [], 'a slice of no Service');
});

test('image updates: one event per image of an ImagesUpdated Event, again when its count grows', (t) => {
  const event = (count: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: 'web.1',
      namespace: 'argocd',
      annotations: {
        'argocd-image-updater.image-0/image-name': 'letsgo/backend',
        'argocd-image-updater.image-0/full-image-name': 'reg/letsgo/backend',
        'argocd-image-updater.image-0/old-tag': 'v1',
        'argocd-image-updater.image-0/new-tag': 'v2',
        'argocd-image-updater.image-1/image-name': 'letsgo/frontend',
        'argocd-image-updater.image-1/old-tag': 'v5',
        'argocd-image-updater.image-1/new-tag': 'v6',
      },
    },
    involvedObject: { kind: 'Application', name: 'web', namespace: 'argocd' },
    reason: 'ImagesUpdated',
    count,
  });
  const drafts = imageUpdateTransitions(event(1), undefined);
  t.deepEqual(
    drafts.map((d) => d.data),
    [
      { application: 'argocd/web', image: 'reg/letsgo/backend', from: 'v1', to: 'v2' },
      { application: 'argocd/web', image: 'letsgo/frontend', from: 'v5', to: 'v6' },
    ],
  );
  t.deepEqual(imageUpdateTransitions(event(1), event(1)), []);
  t.is(imageUpdateTransitions(event(2), event(1)).length, 2);
  t.deepEqual(imageUpdateTransitions({ ...event(1), reason: 'OperationStarted' }, undefined), []);
});

test('deployments: a rollout event per change; complete only once no old replica is left', (t) => {
  const deployment = (status: Record<string, number>, image = 'reg/web:v2'): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', generation: 2 },
    spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image }] } } },
    status: { observedGeneration: 2, ...status },
  });
  // Mid-surge: the new pod is updated, the old one still ready and available.
  const surge = deployment({ replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
  const done = deployment({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
  const [surgeEvent] = deploymentTransitions(surge, undefined);
  t.is(surgeEvent!.message, '1/1 updated, 2 total, 1 ready, 1 available (generation 2/2) reg/web:v2');
  t.false(rolloutComplete('web').test({ at: 0, ...surgeEvent! }));
  const [doneEvent] = deploymentTransitions(done, surge);
  t.true(rolloutComplete('web', { image: 'web:v2' }).test({ at: 0, ...doneEvent! }));
  t.false(rolloutComplete('web', { image: ':v1' }).test({ at: 0, ...doneEvent! }));
  t.deepEqual(deploymentTransitions(done, done), [], 'a resync is no transition');
});
