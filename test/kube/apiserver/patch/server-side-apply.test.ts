import test from 'ava';
import { parse } from 'yaml';
import {
  ApplyConflictError,
  PatchError,
  serverSideApply,
  updateManagedFields,
} from '../../../../src/kube/apiserver/patch/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { deepFreeze, deploymentSchema } from './schemas.ts';

const T1 = '2026-01-01T00:00:00Z';
const T2 = '2026-01-01T00:01:00Z';
const T3 = '2026-01-01T00:02:00Z';

const k = (text: string): KubeObject => parse(text) as KubeObject;

const config = (options: { replicas?: number; image?: string; labels?: string; env?: string } = {}) =>
  k(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels: ${options.labels ?? '{app: web}'}
spec:
  ${options.replicas === undefined ? '' : `replicas: ${options.replicas}`}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${options.image ?? 'nginx:1.25'}
        ports: [{containerPort: 80}]
        ${options.env ? `env: ${options.env}` : ''}
`);

const apply = (live: KubeObject | undefined, applied: KubeObject, manager: string, now: string, force = false) =>
  serverSideApply({
    live: live && deepFreeze(structuredClone(live)),
    applied: deepFreeze(applied),
    manager,
    force,
    schema: deploymentSchema,
    now,
  });

const entry = (object: KubeObject, manager: string, operation = 'Apply') =>
  object.metadata.managedFields?.find((m) => m.manager === manager && m.operation === operation);

test('apply on a missing object creates it and records the applied fields in fieldsV1', (t) => {
  const created = apply(undefined, config({ replicas: 2 }), 'kubectl', T1);
  t.like(created, { metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 2 } });
  t.deepEqual(created.metadata.managedFields, [
    {
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:template': {
            'f:metadata': { 'f:labels': { 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"web"}': {
                  '.': {},
                  'f:image': {},
                  'f:name': {},
                  'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                },
              },
            },
          },
        },
      },
    },
  ]);
});

test('re-applying changes the manager’s own fields without conflict', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'kubectl', T1);
  const next = apply(live, config({ replicas: 3, image: 'nginx:1.26' }), 'kubectl', T2);
  t.is((next.spec as { replicas: number }).replicas, 3);
  t.is(entry(next, 'kubectl')?.time, T2);
  t.is(next.metadata.managedFields?.length, 1);
});

test('a no-op apply keeps the entry’s time and the object unchanged', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'kubectl', T1);
  const again = apply(live, config({ replicas: 2 }), 'kubectl', T2);
  t.deepEqual(again, live);
});

test('applying a field another applier owns with a different value conflicts, naming manager and field', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'alice', T1);
  const error = t.throws(() => apply(live, config({ replicas: 5 }), 'bob', T2), { instanceOf: ApplyConflictError });
  t.is(error?.message, 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
  t.is(error?.code, 'ApplyConflict');
  t.deepEqual(error?.conflicts, [{ manager: 'alice', field: '.spec.replicas' }]);
});

test('a conflict with an Update manager reads exactly like Kubernetes', (t) => {
  const created = k(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web}}
spec: {replicas: 2, selector: {matchLabels: {app: web}}}
`);
  created.metadata.managedFields = updateManagedFields({
    before: undefined,
    after: created,
    manager: 'kubectl-client-side-apply',
    schema: deploymentSchema,
    now: T1,
  });
  const error = t.throws(() => apply(created, config({ replicas: 3 }), 'kubectl', T2), {
    instanceOf: ApplyConflictError,
  });
  t.is(
    error?.message,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
  );
});

test('several conflicts are listed per manager', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'alice', T1);
  const error = t.throws(() => apply(live, config({ replicas: 5, image: 'nginx:1.26' }), 'bob', T2), {
    instanceOf: ApplyConflictError,
  });
  t.is(
    error?.message,
    'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image',
  );
});

test('force moves ownership of conflicting fields to the applier', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'alice', T1);
  const forced = apply(live, config({ replicas: 5 }), 'bob', T2, true);
  t.is((forced.spec as { replicas: number }).replicas, 5);
  const alice = entry(forced, 'alice')?.fieldsV1 as { 'f:spec': Record<string, unknown> };
  const bob = entry(forced, 'bob')?.fieldsV1 as { 'f:spec': Record<string, unknown> };
  t.false('f:replicas' in alice['f:spec']);
  t.true('f:replicas' in bob['f:spec']);
  t.true('f:selector' in alice['f:spec'], 'equal values stay shared');
});

test('applying equal values shares ownership; the field survives when one manager stops applying it', (t) => {
  const live = apply(undefined, config({ replicas: 2, labels: '{app: web, team: a}' }), 'alice', T1);
  const shared = apply(live, config({ replicas: 2, labels: '{team: a}' }), 'bob', T2);
  t.deepEqual(shared.metadata.labels, { app: 'web', team: 'a' });
  t.deepEqual(entry(shared, 'bob')?.fieldsV1, {
    'f:metadata': { 'f:labels': { 'f:team': {} } },
    'f:spec': entry(shared, 'alice')?.fieldsV1['f:spec'] ?? null,
  });
  const aliceDrops = apply(shared, config({ replicas: 2, labels: '{app: web}' }), 'alice', T3);
  t.deepEqual(aliceDrops.metadata.labels, { app: 'web', team: 'a' }, 'bob still owns team');
});

test('fields a manager stops applying are removed when nobody else owns them', (t) => {
  const live = apply(
    undefined,
    config({ replicas: 2, labels: '{app: web, tier: front}', env: '[{name: A, value: a}, {name: B, value: b}]' }),
    'kubectl',
    T1,
  );
  const next = apply(live, config({ labels: '{app: web}', env: '[{name: A, value: a}]' }), 'kubectl', T2);
  t.deepEqual(next.metadata.labels, { app: 'web' });
  t.false('replicas' in (next.spec as object));
  const container = (next.spec as { template: { spec: { containers: { env: unknown }[] } } }).template.spec
    .containers[0];
  t.deepEqual(container?.env, [{ name: 'A', value: 'a' }]);
});

test('a list item the manager stops applying is removed, with its fields', (t) => {
  const two = config();
  const containers = (two.spec as { template: { spec: { containers: object[] } } }).template.spec.containers;
  containers.push({ name: 'sidecar', image: 'busybox' });
  const live = apply(undefined, two, 'kubectl', T1);
  const next = apply(live, config(), 'kubectl', T2);
  t.deepEqual(
    (next.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers.map(
      (c) => c.name,
    ),
    ['web'],
  );
});

test('fields set by an Update manager survive an applier that never owned them', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'kubectl', T1);
  const scaled = structuredClone(live);
  (scaled.spec as { replicas: number }).replicas = 4;
  scaled.metadata.annotations = { note: 'hand-made' };
  scaled.metadata.managedFields = updateManagedFields({
    before: live,
    after: scaled,
    manager: 'kubectl-edit',
    schema: deploymentSchema,
    now: T2,
  });
  const reapplied = apply(scaled, config(), 'kubectl', T3);
  t.is((reapplied.spec as { replicas: number }).replicas, 4, 'replicas moved to kubectl-edit');
  t.deepEqual(reapplied.metadata.annotations, { note: 'hand-made' });
});

test('the main resource ignores status in the applied configuration', (t) => {
  const withStatus = config({ replicas: 1 });
  withStatus.status = { replicas: 7 };
  const created = apply(undefined, withStatus, 'kubectl', T1);
  t.false('status' in created);
  t.false('f:status' in (entry(created, 'kubectl')?.fieldsV1 ?? {}));
});

test('the status subresource applies only status, in its own managedFields entry', (t) => {
  const live = apply(undefined, config({ replicas: 1 }), 'kubectl', T1);
  const statusApply = k(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {sneaky: "true"}}
spec: {replicas: 9}
status: {replicas: 1, conditions: [{type: Available, status: "True"}]}
`);
  const next = serverSideApply({
    live: deepFreeze(live),
    applied: deepFreeze(statusApply),
    manager: 'deployment-controller',
    force: false,
    schema: deploymentSchema,
    now: T2,
    subresource: 'status',
  });
  t.is((next.spec as { replicas: number }).replicas, 1);
  t.deepEqual(next.metadata.labels, { app: 'web' });
  t.deepEqual(next.status, { replicas: 1, conditions: [{ type: 'Available', status: 'True' }] });
  t.deepEqual(entry(next, 'deployment-controller'), {
    manager: 'deployment-controller',
    operation: 'Apply',
    apiVersion: 'apps/v1',
    time: T2,
    fieldsType: 'FieldsV1',
    fieldsV1: {
      'f:status': {
        'f:conditions': { 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } },
        'f:replicas': {},
      },
    },
    subresource: 'status',
  });
});

test('managedFields list Apply entries before Update entries, then by time', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'zed', T2);
  const edited = structuredClone(live);
  edited.metadata.labels = { ...edited.metadata.labels, edited: 'yes' };
  edited.metadata.managedFields = updateManagedFields({
    before: live,
    after: edited,
    manager: 'editor',
    schema: deploymentSchema,
    now: T1,
  });
  const applied = apply(edited, config({ replicas: 2 }), 'alpha', T3);
  t.deepEqual(
    applied.metadata.managedFields?.map((m) => `${m.operation}:${m.manager}`),
    ['Apply:zed', 'Apply:alpha', 'Update:editor'],
  );
});

test('malformed applied configurations are rejected and nothing is modified', (t) => {
  const live = deepFreeze(apply(undefined, config({ replicas: 2 }), 'kubectl', T1));
  const noKey = config();
  (noKey.spec as { template: { spec: { containers: object[] } } }).template.spec.containers.push({ image: 'x' });
  t.throws(() => apply(live, noKey, 'kubectl', T2), {
    instanceOf: PatchError,
    message: /lacks its key field\(s\) name/,
  });
  const duplicate = config();
  (duplicate.spec as { template: { spec: { containers: object[] } } }).template.spec.containers.push({ name: 'web' });
  t.throws(() => apply(live, duplicate, 'kubectl', T2), { instanceOf: PatchError, message: /duplicates another item/ });
  t.throws(() => apply(live, { metadata: { name: 'x' } } as unknown as KubeObject, 'kubectl', T2), {
    instanceOf: PatchError,
    message: /must set apiVersion and kind/,
  });
  t.throws(() => apply(live, config(), '', T2), { instanceOf: PatchError, message: /fieldManager/ });
});

test('without a schema lists are atomic and maps granular', (t) => {
  const cr = k(`
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, finalizers: [a]}
spec: {size: 1, items: [x, y], nested: {a: 1}}
`);
  const created = serverSideApply({
    live: undefined,
    applied: cr,
    manager: 'm',
    force: false,
    schema: undefined,
    now: T1,
  });
  t.deepEqual(created.metadata.managedFields?.[0]?.fieldsV1, {
    'f:metadata': { 'f:finalizers': { 'v:"a"': {} } },
    'f:spec': { '.': {}, 'f:items': {}, 'f:nested': { '.': {}, 'f:a': {} }, 'f:size': {} },
  });
});

test('the first apply to an object without managedFields conflicts with "before-first-apply"', (t) => {
  const live = apply(undefined, config({ replicas: 2 }), 'kubectl', T1);
  const unmanaged = structuredClone(live);
  delete unmanaged.metadata.managedFields;
  const error = t.throws(() => apply(unmanaged, config({ replicas: 3 }), 'helm', T2), {
    instanceOf: ApplyConflictError,
  });
  t.is(
    error?.message,
    'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas',
  );
  const adopted = apply(unmanaged, config({ replicas: 2 }), 'helm', T2);
  t.deepEqual(
    adopted.metadata.managedFields?.map((m) => `${m.operation}:${m.manager}`),
    ['Apply:helm', 'Update:before-first-apply'],
  );
});

test('a generated manifest’s creationTimestamp: null does not clear server-maintained metadata', (t) => {
  const live = structuredClone(apply(undefined, config({ replicas: 2 }), 'kubectl', T1));
  live.metadata.creationTimestamp = T1;
  live.metadata.uid = 'u-1';
  const generated = config({ replicas: 2 });
  (generated.metadata as Record<string, unknown>).creationTimestamp = null;
  const next = apply(live, generated, 'kubectl', T2);
  t.is(next.metadata.creationTimestamp, T1);
  t.is(next.metadata.uid, 'u-1');
});
