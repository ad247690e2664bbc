import test from 'ava';
import { applyJsonPatch, applyMergePatch, PatchError } from '../../../../src/kube/apiserver/patch/index.ts';
import { deepFreeze } from './schemas.ts';

const deployment = () =>
  deepFreeze({
    metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } },
  });

test('merge patch merges objects, deletes on null and replaces lists', (t) => {
  const result = applyMergePatch(deployment(), {
    metadata: { labels: { tier: null, env: 'prod' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
  });
  t.deepEqual(result, {
    metadata: { name: 'web', labels: { app: 'web', env: 'prod' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
  });
});

test('merge patch follows RFC 7386 for non-object patches and targets', (t) => {
  t.deepEqual(applyMergePatch({ a: 1 }, ['x']), ['x']);
  t.deepEqual(applyMergePatch('text', { a: { b: null, c: 1 } }), { a: { c: 1 } });
  t.deepEqual(applyMergePatch({ a: [1] }, { a: { b: 1 } }), { a: { b: 1 } });
});

test('merge patch results share nothing with the original', (t) => {
  const original = { a: { b: 1 }, c: { d: 2 } };
  const result = applyMergePatch(original, { a: { e: 3 } }) as { c: { d: number } };
  result.c.d = 99;
  t.is(original.c.d, 2);
});

test('JSON patch applies operations in order, including a passing test op', (t) => {
  const result = applyJsonPatch(deployment(), [
    { op: 'test', path: '/spec/replicas', value: 2 },
    { op: 'replace', path: '/spec/replicas', value: 5 },
    { op: 'add', path: '/metadata/labels/env', value: 'prod' },
    { op: 'remove', path: '/metadata/labels/tier' },
    { op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'sidecar', image: 'busybox' } },
  ]);
  t.deepEqual(result, {
    metadata: { name: 'web', labels: { app: 'web', env: 'prod' } },
    spec: {
      replicas: 5,
      template: {
        spec: {
          containers: [
            { name: 'web', image: 'nginx:1.25' },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
  });
});

const jsonPatchFailures: { name: string; operations: unknown; message: RegExp }[] = [
  {
    name: 'a failed test op',
    operations: [{ op: 'test', path: '/spec/replicas', value: 3 }],
    message: /operation 0 .*test operation failed/,
  },
  {
    name: 'a failed test op after successful ops (all or nothing)',
    operations: [
      { op: 'replace', path: '/spec/replicas', value: 9 },
      { op: 'test', path: '/metadata/name', value: 'other' },
    ],
    message: /operation 1 .*test operation failed/,
  },
  {
    name: 'removing a missing path',
    operations: [{ op: 'remove', path: '/spec/missing' }],
    message: /operation 0 .*does not exist/,
  },
  {
    name: 'replacing under a missing parent',
    operations: [{ op: 'replace', path: '/nope/x', value: 1 }],
    message: /operation 0/,
  },
  { name: 'an unknown op', operations: [{ op: 'frobnicate', path: '/spec' }], message: /unknown op/ },
  {
    name: 'a non-array document',
    operations: { op: 'add', path: '/a', value: 1 },
    message: /must be an array of operations/,
  },
  { name: 'an operation without a path', operations: [{ op: 'add', value: 1 }], message: /operation 0/ },
];

for (const c of jsonPatchFailures) {
  test(`JSON patch rejects ${c.name} without touching the original`, (t) => {
    const original = deployment();
    const error = t.throws(() => applyJsonPatch(original, c.operations), {
      instanceOf: PatchError,
      message: c.message,
    });
    t.is(error?.code, 'InvalidPatch');
    t.is(original.spec.replicas, 2);
  });
}
