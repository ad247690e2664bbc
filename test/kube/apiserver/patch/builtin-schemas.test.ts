import test from 'ava';
import { parse } from 'yaml';
import {
  applyStrategicMergePatch,
  serverSideApply,
  updateManagedFields,
} from '../../../../src/kube/apiserver/patch/index.ts';
import { builtinResourceTypes } from '../../../../src/kube/apiserver/resources/builtin.ts';
import { SchemaRegistry } from '../../../../src/kube/apiserver/schema/index.ts';
import type { JsonObject, KubeObject } from '../../../../src/kube/object.ts';

/** The patch algorithms against the registry's real built-in schemas (dereferenced, shared, possibly cyclic). */

const registry = SchemaRegistry.builtin();
const schemaOf = (kind: string) => {
  const type = builtinResourceTypes().find((t) => t.kind === kind);
  if (!type) throw new Error(`no built-in ${kind}`);
  return registry.schemaFor(type);
};

const deployment = (image: string, replicas?: number) =>
  parse(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, labels: {app: web}}
spec:
  ${replicas === undefined ? '' : `replicas: ${replicas}`}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
        env: [{name: A, value: a}]
`) as KubeObject;

test('server-side apply of a Deployment with the built-in schema', (t) => {
  const schema = schemaOf('Deployment');
  t.truthy(schema);
  const created = serverSideApply({
    live: undefined,
    applied: deployment('nginx:1.25', 2),
    manager: 'kubectl',
    force: false,
    schema,
    now: '2026-01-01T00:00:00Z',
  });
  const fields = created.metadata.managedFields?.[0]?.fieldsV1 as JsonObject;
  t.deepEqual(
    (
      (((fields['f:spec'] as JsonObject)['f:template'] as JsonObject)['f:spec'] as JsonObject)[
        'f:containers'
      ] as JsonObject
    )['k:{"name":"web"}'],
    {
      '.': {},
      'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
      'f:image': {},
      'f:name': {},
      'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
    },
  );
  t.deepEqual((fields['f:spec'] as JsonObject)['f:selector'], {}, 'the label selector is atomic');

  const scaled = structuredClone(created);
  (scaled.spec as { replicas: number }).replicas = 5;
  scaled.metadata.managedFields = updateManagedFields({
    before: created,
    after: scaled,
    manager: 'kubectl-scale',
    schema,
    now: '2026-01-01T00:01:00Z',
  });
  const error = t.throws(() =>
    serverSideApply({
      live: scaled,
      applied: deployment('nginx:1.26', 2),
      manager: 'kubectl',
      force: false,
      schema,
      now: '2026-01-01T00:02:00Z',
    }),
  );
  t.is(error?.message, 'Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas');
  const withoutReplicas = serverSideApply({
    live: scaled,
    applied: deployment('nginx:1.26'),
    manager: 'kubectl',
    force: false,
    schema,
    now: '2026-01-01T00:02:00Z',
  });
  t.like(withoutReplicas, { spec: { replicas: 5 } });
});

test('strategic merge patch of a Pod with the built-in schema merges containers and env by name', (t) => {
  const pod = parse(`
apiVersion: v1
kind: Pod
metadata: {name: p, finalizers: [a]}
spec:
  containers:
  - {name: web, image: nginx, env: [{name: A, value: a}]}
  - {name: sidecar, image: busybox}
`) as JsonObject;
  const patched = applyStrategicMergePatch(
    pod,
    parse(`
metadata: {finalizers: [b]}
spec:
  containers:
  - {name: web, env: [{name: B, value: b}]}
`) as JsonObject,
    schemaOf('Pod'),
  );
  t.deepEqual(
    patched,
    parse(`
apiVersion: v1
kind: Pod
metadata: {name: p, finalizers: [b, a]}
spec:
  containers:
  - {name: web, image: nginx, env: [{name: B, value: b}, {name: A, value: a}]}
  - {name: sidecar, image: busybox}
`),
  );
});
