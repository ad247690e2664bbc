import test from 'ava';
import { parse } from 'yaml';
import { updateManagedFields } from '../../../../src/kube/apiserver/patch/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { deepFreeze, deploymentSchema } from './schemas.ts';

const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-01T00:01:00Z';
const k = (text: string): KubeObject => parse(text) as KubeObject;

const created = () =>
  deepFreeze(
    k(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  uid: 0b7c
  resourceVersion: "1"
  generation: 1
  creationTimestamp: "2026-01-01T00:00:00Z"
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80, protocol: TCP}]}]
`),
  );

const withFields = (object: KubeObject, manager: string, before?: KubeObject, now = T1, subresource?: string) => {
  const copy = structuredClone(object);
  copy.metadata.managedFields = updateManagedFields({
    before,
    after: deepFreeze(structuredClone(object)),
    manager,
    schema: deploymentSchema,
    now,
    ...(subresource ? { subresource } : {}),
  });
  return deepFreeze(copy);
};

test('on create the manager owns every field it set, identity and bookkeeping fields excluded', (t) => {
  t.deepEqual(withFields(created(), 'kubectl-create').metadata.managedFields, [
    {
      manager: 'kubectl-create',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': {
          '.': {},
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            '.': {},
            'f:metadata': { '.': {}, 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': {
              '.': {},
              'f:containers': {
                '.': {},
                'k:{"name":"web"}': {
                  '.': {},
                  'f:image': {},
                  'f:name': {},
                  'f:ports': {
                    '.': {},
                    'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
                  },
                },
              },
            },
          },
        },
      },
    },
  ]);
});

test('an update takes the fields it changed from other managers and drops removed fields from everyone', (t) => {
  const live = withFields(created(), 'creator');
  const edited = structuredClone(live);
  (edited.spec as { replicas: number }).replicas = 5;
  (edited.metadata.labels as Record<string, string>).team = 'a';
  delete (edited.spec as { selector?: unknown }).selector;
  edited.metadata.managedFields = updateManagedFields({
    before: live,
    after: deepFreeze(structuredClone(edited)),
    manager: 'kubectl-edit',
    schema: deploymentSchema,
    now: T2,
  });
  const byManager = Object.fromEntries(edited.metadata.managedFields.map((m) => [m.manager, m]));
  const creatorSpec = (byManager.creator?.fieldsV1['f:spec'] ?? {}) as Record<string, unknown>;
  t.false('f:replicas' in creatorSpec);
  t.false('f:selector' in creatorSpec);
  t.true('f:template' in creatorSpec);
  t.deepEqual(byManager['kubectl-edit']?.fieldsV1, {
    'f:metadata': { 'f:labels': { 'f:team': {} } },
    'f:spec': { 'f:replicas': {} },
  });
  t.is(byManager['kubectl-edit']?.time, T2);
  t.is(byManager.creator?.time, T1);
});

test('an update that changes nothing adds no entry', (t) => {
  const live = withFields(created(), 'creator');
  const same = updateManagedFields({
    before: live,
    after: structuredClone(live),
    manager: 'noop',
    schema: deploymentSchema,
    now: T2,
  });
  t.deepEqual(same, live.metadata.managedFields);
});

test('a status update is recorded with its subresource', (t) => {
  const live = withFields(created(), 'creator');
  const withStatus = structuredClone(live);
  withStatus.status = { replicas: 2 };
  const fields = updateManagedFields({
    before: live,
    after: withStatus,
    manager: 'deployment-controller',
    schema: deploymentSchema,
    now: T2,
    subresource: 'status',
  });
  t.deepEqual(
    fields.find((m) => m.manager === 'deployment-controller'),
    {
      manager: 'deployment-controller',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T2,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { '.': {}, 'f:replicas': {} } },
      subresource: 'status',
    },
  );
});

test('managedFields the client sends replace the stored ones (an empty list resets ownership)', (t) => {
  const live = withFields(created(), 'creator');
  const reset = structuredClone(live);
  reset.metadata.managedFields = [];
  (reset.spec as { replicas: number }).replicas = 3;
  const fields = updateManagedFields({ before: live, after: reset, manager: 'ops', schema: deploymentSchema, now: T2 });
  t.deepEqual(
    fields.map((m) => m.manager),
    ['ops'],
  );
});
