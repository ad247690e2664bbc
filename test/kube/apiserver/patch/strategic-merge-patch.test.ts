import test from 'ava';
import { parse } from 'yaml';
import { applyStrategicMergePatch, PatchError } from '../../../../src/kube/apiserver/patch/index.ts';
import type { JsonObject } from '../../../../src/kube/object.ts';
import { deepFreeze, deploymentSchema, mergeItemSchema } from './schemas.ts';

const y = (text: string): JsonObject => parse(text) as JsonObject;

/**
 * Golden cases from k8s.io/apimachinery strategicpatch's own tests: the live object ("current"), the three-way
 * patch kubectl computes, and the result the API server stores.
 */
const golden: { name: string; current: string; patch: string; result: string }[] = [
  {
    name: 'delete an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 1}]
mergingList: [{name: 3, $patch: delete}]`,
    result: 'mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]',
  },
  {
    name: 'change an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}]
mergingList: [{name: 3, value: x}]`,
    result: 'mergingList: [{name: 2, value: 2, other: b}, {name: 3, value: x}, {name: 1, other: a}]',
  },
  {
    name: 'add and delete an item in a list and preserve order',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
    patch: `
$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]`,
    result: 'mergingList: [{name: 4, value: 4}, {name: 2, value: 2, other: b}, {name: 1, other: a}]',
  },
  {
    name: 'set elements order in a list with server-only items',
    current:
      'mergingList: [{name: 1, other: a}, {name: 3, value: 3}, {name: 4, value: 4}, {name: 2, value: 2}, {name: 9}]',
    patch: '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
    result:
      'mergingList: [{name: 4, value: 4}, {name: 2, value: 2}, {name: 3, value: 3}, {name: 1, other: a}, {name: 9}]',
  },
  {
    name: 'set elements order in a list with server-only items 2',
    current:
      'mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 9}, {name: 3, value: 3}, {name: 4, value: 4}]',
    patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
    result:
      'mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 9}, {name: 4, value: 4}, {name: 3, value: 3}]',
  },
  {
    name: 'set elements order in a list with server-only items 3',
    current:
      'mergingList: [{name: 1, other: a}, {name: 2, value: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3, value: 3}, {name: 4, value: 4}]',
    patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
    result:
      'mergingList: [{name: 2, value: 2}, {name: 1, other: a}, {name: 7}, {name: 9}, {name: 8}, {name: 4, value: 4}, {name: 3, value: 3}]',
  },
  {
    name: 'add an item in an int list and preserve order',
    current: 'mergingIntList: [1, 2]',
    patch: '{$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}',
    result: 'mergingIntList: [3, 1, 2]',
  },
  {
    name: 'add multiple items in an int list and preserve order',
    current: 'mergingIntList: [1, 2]',
    patch: '{$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}',
    result: 'mergingIntList: [1, 4, 2, 3]',
  },
  {
    name: 'delete an item in an int list and preserve order',
    current: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [2, 1], $deleteFromPrimitiveList/mergingIntList: [3]}',
    result: 'mergingIntList: [2, 1]',
  },
  {
    name: 'add and delete an item in an int list and preserve order',
    current: 'mergingIntList: [1, 2, 3]',
    patch:
      '{$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4], $deleteFromPrimitiveList/mergingIntList: [3]}',
    result: 'mergingIntList: [4, 2, 1]',
  },
  {
    name: 'set elements order in an int list with server-only items 3',
    current: 'mergingIntList: [1, 2, 7, 9, 8, 3, 4]',
    patch: '$setElementOrder/mergingIntList: [2, 1, 4, 3]',
    result: 'mergingIntList: [2, 1, 7, 9, 8, 4, 3]',
  },
  {
    name: 'retainKeys map should clear defaulted field',
    current: 'retainKeysMap: {value: foo}',
    patch: 'retainKeysMap: {$retainKeys: [other], other: bar}',
    result: 'retainKeysMap: {other: bar}',
  },
  {
    name: 'retainKeys map should clear defaulted field with conflict (discriminated union)',
    current: 'retainKeysMap: {name: type1, value: foo}',
    patch: 'retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}',
    result: 'retainKeysMap: {name: type2, other: bar}',
  },
  {
    name: 'retainKeys map adds a field and clears a field',
    current: 'retainKeysMap: {name: foo, other: a}',
    patch: 'retainKeysMap: {$retainKeys: [name, value], value: bar}',
    result: 'retainKeysMap: {name: foo, value: bar}',
  },
  {
    name: 'retainKeys map deletes a field',
    current: 'retainKeysMap: {name: foo, value: bar}',
    patch: 'retainKeysMap: {$retainKeys: [name], value: null}',
    result: 'retainKeysMap: {name: foo}',
  },
];

for (const c of golden) {
  test(`SMP golden (strategicpatch): ${c.name}`, (t) => {
    const current = deepFreeze(y(c.current));
    const patch = deepFreeze(y(c.patch));
    t.deepEqual(applyStrategicMergePatch(current, patch, mergeItemSchema), y(c.result));
  });
}

const directives: { name: string; original: string; patch: string; result: string }[] = [
  {
    name: 'maps merge recursively',
    original: 'simpleMap: {a: "1", b: "2"}',
    patch: 'simpleMap: {b: "3", c: "4"}',
    result: 'simpleMap: {a: "1", b: "3", c: "4"}',
  },
  { name: 'null deletes a key', original: '{name: x, value: y}', patch: '{value: null}', result: '{name: x}' },
  { name: 'null for a missing key is ignored', original: '{name: x}', patch: '{value: null}', result: '{name: x}' },
  {
    name: '$patch: replace on a map replaces it',
    original: 'simpleMap: {a: "1", b: "2"}',
    patch: 'simpleMap: {$patch: replace, c: "3"}',
    result: 'simpleMap: {c: "3"}',
  },
  {
    name: '$patch: delete on a map empties it',
    original: 'simpleMap: {a: "1"}',
    patch: 'simpleMap: {$patch: delete}',
    result: 'simpleMap: {}',
  },
  {
    name: '$patch: merge on a map is the default merge',
    original: 'simpleMap: {a: "1"}',
    patch: 'simpleMap: {$patch: merge, b: "2"}',
    result: 'simpleMap: {a: "1", b: "2"}',
  },
  {
    name: 'merge list: items merge by key, new items appended',
    original: 'mergingList: [{name: a, value: "1"}, {name: b, value: "2"}]',
    patch: 'mergingList: [{name: b, other: x}, {name: c}]',
    result: 'mergingList: [{name: a, value: "1"}, {name: b, value: "2", other: x}, {name: c}]',
  },
  {
    name: 'merge list: $patch: delete item',
    original: 'mergingList: [{name: a}, {name: b}]',
    patch: 'mergingList: [{name: a, $patch: delete}]',
    result: 'mergingList: [{name: b}]',
  },
  {
    name: 'merge list: $patch: replace item replaces the whole list',
    original: 'mergingList: [{name: a, value: "1"}, {name: b}]',
    patch: 'mergingList: [{name: c}, {$patch: replace}]',
    result: 'mergingList: [{name: c}]',
  },
  {
    name: 'merge list: null inside an item deletes the field',
    original: 'mergingList: [{name: a, value: "1", other: o}]',
    patch: 'mergingList: [{name: a, value: null}]',
    result: 'mergingList: [{name: a, other: o}]',
  },
  {
    name: 'primitive merge list: union',
    original: 'mergingIntList: [1, 2]',
    patch: 'mergingIntList: [2, 3]',
    result: 'mergingIntList: [1, 2, 3]',
  },
  {
    name: 'primitive merge list: $deleteFromPrimitiveList',
    original: 'mergingIntList: [1, 2, 3]',
    patch: '$deleteFromPrimitiveList/mergingIntList: [2]',
    result: 'mergingIntList: [1, 3]',
  },
  {
    name: 'non-merge lists replace',
    original: 'nonMergingList: [{name: a}, {name: b}]',
    patch: 'nonMergingList: [{name: c}]',
    result: 'nonMergingList: [{name: c}]',
  },
  {
    name: 'a list set to null is deleted',
    original: 'mergingList: [{name: a}]',
    patch: '{mergingList: null, $setElementOrder/mergingList: []}',
    result: '{}',
  },
  {
    name: 'a new map in the patch has its directives consumed',
    original: '{}',
    patch: 'retainKeysMap: {$retainKeys: [name], name: x}',
    result: 'retainKeysMap: {name: x}',
  },
];

for (const c of directives) {
  test(`SMP: ${c.name}`, (t) => {
    const original = deepFreeze(y(c.original));
    t.deepEqual(applyStrategicMergePatch(original, deepFreeze(y(c.patch)), mergeItemSchema), y(c.result));
  });
}

const failures: { name: string; original: string; patch: string; message: RegExp }[] = [
  {
    name: 'unknown directive key',
    original: '{}',
    patch: '{$foo: 1}',
    message: /unknown strategic merge patch directive "\$foo"/,
  },
  {
    name: 'unknown $patch value',
    original: 'simpleMap: {a: "1"}',
    patch: 'simpleMap: {$patch: explode}',
    message: /unknown \$patch directive "explode" at \.simpleMap/,
  },
  {
    name: 'unknown $patch in a list item',
    original: 'mergingList: [{name: a}]',
    patch: 'mergingList: [{name: a, $patch: explode}]',
    message: /unknown \$patch directive "explode" in the list at \.mergingList/,
  },
  {
    name: 'delete item without merge key',
    original: 'mergingList: [{name: a}]',
    patch: 'mergingList: [{$patch: delete}]',
    message: /merge key "name"/,
  },
  {
    name: 'item without merge key',
    original: 'mergingList: [{name: a}]',
    patch: 'mergingList: [{value: x}]',
    message: /lacks its merge key "name"/,
  },
  {
    name: '$retainKeys not covering a patched field',
    original: 'retainKeysMap: {name: a}',
    patch: 'retainKeysMap: {$retainKeys: [name], value: x}',
    message: /"value" at \.retainKeysMap .* missing from its \$retainKeys/,
  },
  {
    name: '$retainKeys not a list',
    original: '{}',
    patch: '{$retainKeys: name}',
    message: /\$retainKeys at <root> must be a list/,
  },
  {
    name: '$setElementOrder inconsistent with the patch list',
    original: 'mergingList: [{name: a}, {name: b}]',
    patch: '{$setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, value: x}]}',
    message: /does not match its \$setElementOrder list/,
  },
  {
    name: '$deleteFromPrimitiveList not a list',
    original: 'mergingIntList: [1]',
    patch: '$deleteFromPrimitiveList/mergingIntList: 1',
    message: /must be a list of values/,
  },
  {
    name: 'lists of lists',
    original: 'mergingIntList: [[1]]',
    patch: 'mergingIntList: [[2]]',
    message: /lists of lists/,
  },
];

for (const c of failures) {
  test(`SMP rejects: ${c.name}`, (t) => {
    const original = deepFreeze(y(c.original));
    const error = t.throws(() => applyStrategicMergePatch(original, deepFreeze(y(c.patch)), mergeItemSchema), {
      instanceOf: PatchError,
      message: c.message,
    });
    t.is(error?.code, 'InvalidPatch');
  });
}

test('SMP without a schema merges maps and replaces lists', (t) => {
  const original = deepFreeze(y('{spec: {items: [{name: a}], map: {a: "1"}}, metadata: {finalizers: [x]}}'));
  const patch = y('{spec: {items: [{name: b}], map: {b: "2"}}, metadata: {finalizers: [y]}}');
  // metadata keeps its ObjectMeta semantics (finalizers merge as a set) even without a schema; as in Kubernetes,
  // scalars only the patch names come before the server-only ones
  t.deepEqual(
    applyStrategicMergePatch(original, patch, undefined),
    y('{spec: {items: [{name: b}], map: {a: "1", b: "2"}}, metadata: {finalizers: [y, x]}}'),
  );
});

test('SMP result shares nothing with its inputs', (t) => {
  const original = y('{simpleMap: {a: "1"}, mergingList: [{name: a, value: "1"}]}');
  const result = applyStrategicMergePatch(original, y('value: x'), mergeItemSchema);
  (result.simpleMap as JsonObject).a = 'changed';
  t.is((original.simpleMap as JsonObject).a, '1');
});

/**
 * What kubectl's client-side apply sends for a Deployment after the user changed the image, removed env B and a
 * label, and kept container order: a three-way patch with $setElementOrder lists and delete directives.
 */
test('SMP golden (kubectl apply three-way patch on a Deployment)', (t) => {
  const live = deepFreeze(
    y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: old}
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{}", deployment.kubernetes.io/revision: "1"}
spec:
  replicas: 2
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}}
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        env: [{name: A, value: a}, {name: B, value: b}]
        ports: [{containerPort: 80, protocol: TCP}]
      - name: sidecar
        image: busybox
`),
  );
  const patch = deepFreeze(
    y(`
metadata:
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{\\"new\\":true}"}
  labels: {tier: null}
spec:
  strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: null}
  template:
    spec:
      $setElementOrder/containers: [{name: sidecar}, {name: web}]
      containers:
      - name: web
        image: nginx:1.26
        $setElementOrder/env: [{name: A}, {name: C}]
        env: [{name: C, value: c}, {name: B, $patch: delete}]
`),
  );
  t.deepEqual(
    applyStrategicMergePatch(live, patch, deploymentSchema),
    y(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{\\"new\\":true}", deployment.kubernetes.io/revision: "1"}
spec:
  replicas: 2
  strategy: {type: Recreate}
  template:
    spec:
      containers:
      - name: sidecar
        image: busybox
      - name: web
        image: nginx:1.26
        env: [{name: A, value: a}, {name: C, value: c}]
        ports: [{containerPort: 80, protocol: TCP}]
`),
  );
});
