import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { compileJqPath, LAST_APPLIED_ANNOTATION, normalize, unifiedDiff } from '../../../src/reconciler/diff/index.ts';

const pod = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    namespace: 'default',
    uid: 'u',
    resourceVersion: '5',
    generation: 2,
    creationTimestamp: '2026-01-01T00:00:00Z',
    annotations: { [LAST_APPLIED_ANNOTATION]: '{}' },
    managedFields: [
      {
        manager: 'injector',
        operation: 'Update',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:injected': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"sidecar"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
        },
      },
    ],
    labels: { app: 'p', injected: 'true' },
  },
  spec: {
    containers: [
      { name: 'main', image: 'app:1', env: [{ name: 'A', value: '1' }] },
      { name: 'sidecar', image: 'proxy:1' },
    ],
    initContainers: [{ name: 'init', image: 'init:1' }],
  },
  status: { phase: 'Running' },
});

test('normalize drops status, server metadata and the last-applied annotation', (t) => {
  t.deepEqual(normalize(pod()).metadata, {
    name: 'p',
    namespace: 'default',
    labels: { app: 'p', injected: 'true' },
  });
  t.is(normalize(pod()).status, undefined);
  t.truthy(pod().status, 'the input is not touched');
});

test('normalize removes what managedFieldsManagers own, keyed list items included', (t) => {
  const normalized = normalize(pod(), { ignoreDifferences: [{ kind: 'Pod', managedFieldsManagers: ['injector'] }] });
  t.deepEqual(normalized.metadata.labels, { app: 'p' });
  t.deepEqual((normalized.spec as { containers: unknown[] }).containers, [
    { name: 'main', image: 'app:1', env: [{ name: 'A', value: '1' }] },
  ]);
});

test('normalize removes JSON pointers (with ~1 escapes) and jq paths; rules match by group/kind glob', (t) => {
  const obj = pod();
  obj.metadata.annotations = { 'example.com/x': 'y' };
  const normalized = normalize(obj, {
    ignoreDifferences: [
      { group: '', kind: 'P*', jsonPointers: ['/metadata/annotations/example.com~1x', '/spec/nothing/here'] },
      {
        kind: 'Pod',
        jqPathExpressions: [
          '.spec.containers[] | select(.name == "sidecar")',
          '.spec.containers[0].env[0].value',
          '.spec["initContainers"]',
        ],
      },
      { group: 'apps', kind: 'Pod', jsonPointers: ['/metadata/labels'] },
    ],
  });
  t.is(normalized.metadata.annotations, undefined);
  t.deepEqual(normalized.spec, { containers: [{ name: 'main', image: 'app:1', env: [{ name: 'A' }] }] });
  t.truthy(normalized.metadata.labels, 'a rule for group apps does not apply to a core Pod');
});

test('jq paths: the supported forms locate, others are refused with the expression named', (t) => {
  const doc = {
    a: {
      'b.c': [
        { n: 'x', v: 1 },
        { n: 'y', v: 2 },
      ],
    },
  };
  t.deepEqual(compileJqPath('.a."b.c"[] | select(.n != "x") | .v').locate(doc), [['a', 'b.c', 1, 'v']]);
  t.deepEqual(compileJqPath('.a["b.c"][-1]').locate(doc), [['a', 'b.c', 1]]);
  t.deepEqual(compileJqPath('.a[]').locate(doc), [['a', 'b.c']]);
  t.deepEqual(compileJqPath('.missing.path').locate(doc), []);
  for (const unsupported of ['del(.a)', '..', '.a // 1', '.a[1:2]', '.', 'select(.a == 1) and true', '.a |']) {
    t.throws(() => compileJqPath(unsupported), { message: /is not supported/ }, unsupported);
  }
});

test('unifiedDiff prints diff -u hunks with three lines of context, empty when equal', (t) => {
  const from = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm'].join('\n');
  const to = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'].join('\n');
  t.is(unifiedDiff(from, from), '');
  t.is(
    unifiedDiff(from, to, { fromLabel: 'a.yaml', toLabel: 'b.yaml' }),
    [
      '--- a.yaml',
      '+++ b.yaml',
      '@@ -2,7 +2,7 @@',
      ' b',
      ' c',
      ' d',
      '-e',
      '+E',
      ' f',
      ' g',
      ' h',
      '@@ -11,3 +11,4 @@',
      ' k',
      ' l',
      ' m',
      '+n',
      '',
    ].join('\n'),
  );
  t.is(unifiedDiff('', 'x\n'), '--- live\n+++ target\n@@ -0,0 +1,1 @@\n+x\n');
});
