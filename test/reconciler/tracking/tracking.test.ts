import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import {
  appInstanceName,
  buildTrackingId,
  isManagedBy,
  parseTrackingId,
  readTrackingId,
  TrackingError,
  trackingIdFor,
  withTrackingId,
} from '../../../src/reconciler/tracking/index.ts';

const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) },
});

test('build and parse (resource_tracking_test.go)', (t) => {
  const cases: [string, Parameters<typeof buildTrackingId>[0]][] = [
    [
      'my-app:apps/Deployment:default/web',
      { applicationName: 'my-app', group: 'apps', kind: 'Deployment', namespace: 'default', name: 'web' },
    ],
    ['my-app:/Service:ns/n', { applicationName: 'my-app', group: '', kind: 'Service', namespace: 'ns', name: 'n' }],
    [
      'team_app:rbac.authorization.k8s.io/ClusterRole:apps/reader',
      {
        applicationName: 'team_app',
        group: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        namespace: 'apps',
        name: 'reader',
      },
    ],
    ['app:/Namespace:/', { applicationName: 'app', group: '', kind: 'Namespace', namespace: '', name: '' }],
  ];
  for (const [text, id] of cases) {
    t.is(buildTrackingId(id), text);
    t.deepEqual(parseTrackingId(text), id);
  }
  for (const bad of [
    'app',
    'app:apps/Deployment',
    'app:Deployment:ns/n',
    'app:apps/Deployment:n',
    'app:a/b/c:ns/n',
    'app:apps/Deployment:ns/n/x',
  ]) {
    const error = t.throws(() => parseTrackingId(bad), { instanceOf: TrackingError });
    t.is(error?.code, 'TRACKING_ID_MALFORMED');
  }
  t.deepEqual(
    parseTrackingId('app:apps/Deployment:ns/n:extra').name,
    'n:extra',
    'SplitN 3 keeps later colons in the last part',
  );
});

test('instance names, ids for cluster-scoped objects, installation ids', (t) => {
  t.is(appInstanceName({ name: 'web', namespace: 'argocd' }, 'argocd'), 'web');
  t.is(appInstanceName({ name: 'web', namespace: 'team-a' }, 'argocd'), 'team-a_web');
  const role = obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader');
  t.deepEqual(trackingIdFor(role, { appInstanceName: 'web', destinationNamespace: 'apps' }), {
    applicationName: 'web',
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    namespace: 'apps',
    name: 'reader',
  });
  const tracked = withTrackingId(obj('v1', 'ConfigMap', 'c', 'ns'), {
    appInstanceName: 'web',
    destinationNamespace: 'apps',
    installationId: 'i1',
  });
  t.deepEqual(tracked.metadata.annotations, {
    'argocd.argoproj.io/tracking-id': 'web:/ConfigMap:ns/c',
    'argocd.argoproj.io/installation-id': 'i1',
  });
  t.is(readTrackingId(tracked), undefined, 'another installation');
  t.is(readTrackingId(tracked, 'i1')?.name, 'c');
  t.is(readTrackingId(obj('v1', 'ConfigMap', 'c', 'ns', { 'argocd.argoproj.io/tracking-id': 'garbage' })), undefined);
});

test('isManagedBy, including the copied-annotation protection (state.go isSelfReferencedObj)', (t) => {
  const app = { name: 'web', namespace: 'argocd' };
  const options = { controlPlaneNamespace: 'argocd' };
  const id = (value: string) => ({ 'argocd.argoproj.io/tracking-id': value });
  const cases: [string, KubeObject, boolean][] = [
    ['tracked', obj('apps/v1', 'Deployment', 'web', 'default', id('web:apps/Deployment:default/web')), true],
    ['other app', obj('apps/v1', 'Deployment', 'web', 'default', id('api:apps/Deployment:default/web')), false],
    ['untracked', obj('apps/v1', 'Deployment', 'web', 'default'), false],
    [
      'copied to another name',
      obj('apps/v1', 'Deployment', 'web-copy', 'default', id('web:apps/Deployment:default/web')),
      false,
    ],
    [
      'copied to another namespace',
      obj('apps/v1', 'Deployment', 'web', 'other', id('web:apps/Deployment:default/web')),
      false,
    ],
    ['copied to another kind', obj('v1', 'ConfigMap', 'web', 'default', id('web:apps/Deployment:default/web')), false],
    [
      'copied to another group',
      obj('extensions/v1beta1', 'Deployment', 'web', 'default', id('web:apps/Deployment:default/web')),
      false,
    ],
    [
      'cluster-scoped with destination namespace',
      obj(
        'rbac.authorization.k8s.io/v1',
        'ClusterRole',
        'r',
        undefined,
        id('web:rbac.authorization.k8s.io/ClusterRole:apps/r'),
      ),
      true,
    ],
  ];
  for (const [name, object, expected] of cases) t.is(isManagedBy(object, app, options), expected, name);
  const outside = obj('v1', 'ConfigMap', 'c', 'ns', id('team-a_web:/ConfigMap:ns/c'));
  t.true(isManagedBy(outside, { name: 'web', namespace: 'team-a' }, options));
  t.false(isManagedBy(outside, app, options));
});
