import test from 'ava';
import { defaultObject, validateObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { FieldError } from '../../../../src/kube/apiserver/field-error.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

function admit(obj: KubeObject, options: { operation?: 'CREATE' | 'UPDATE'; old?: KubeObject } = {}): FieldError[] {
  defaultObject(obj, context(options));
  return validateObject(obj, context(options));
}

const keyMessage =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const cases: { name: string; obj: KubeObject; errors: FieldError[] }[] = [
  {
    name: 'ConfigMap keys',
    obj: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'default' },
      data: { 'a/b': 'x', '..': 'y' },
    },
    errors: [
      { reason: 'FieldValueInvalid', field: 'data[a/b]', message: `Invalid value: "a/b": ${keyMessage}` },
      { reason: 'FieldValueInvalid', field: 'data[..]', message: `Invalid value: "..": must not be '..'` },
    ],
  },
  {
    name: 'a TLS Secret without its keys',
    obj: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'kubernetes.io/tls',
      data: {},
    },
    errors: [
      { reason: 'FieldValueRequired', field: 'data[tls.crt]', message: 'Required value' },
      { reason: 'FieldValueRequired', field: 'data[tls.key]', message: 'Required value' },
    ],
  },
  {
    name: 'a valid Namespace',
    obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } },
    errors: [],
  },
  {
    name: 'Node taints with a bad effect',
    obj: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } },
    errors: [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.taints[0].effect',
        message: 'Unsupported value: "Never": supported values: "NoExecute", "NoSchedule", "PreferNoSchedule"',
      },
    ],
  },
  {
    name: 'a Lease with a zero duration',
    obj: {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'n', namespace: 'kube-node-lease' },
      spec: { leaseDurationSeconds: 0 },
    },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.leaseDurationSeconds',
        message: 'Invalid value: 0: must be greater than 0',
      },
    ],
  },
  {
    name: 'an EndpointSlice with a bad address',
    obj: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'e', namespace: 'default' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.0.0.300'] }, { addresses: [] }],
    },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'endpoints[0].addresses[0]',
        message: 'Invalid value: "10.0.0.300": must be a valid IPv4 address',
      },
      {
        reason: 'FieldValueRequired',
        field: 'endpoints[1].addresses',
        message: 'Required value: must contain at least 1 address',
      },
    ],
  },
  {
    name: 'an Ingress path without pathType and a backend without port',
    obj: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'i', namespace: 'default' },
      spec: {
        rules: [{ host: 'example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web' } } }] } }],
      },
    },
    errors: [
      {
        reason: 'FieldValueRequired',
        field: 'spec.rules[0].http.paths[0].pathType',
        message: 'Required value: pathType must be specified',
      },
      {
        reason: 'FieldValueRequired',
        field: 'spec.rules[0].http.paths[0].backend',
        message: 'Required value: port name or number is required',
      },
    ],
  },
  {
    name: 'a PVC without access modes or storage',
    obj: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p', namespace: 'default' }, spec: {} },
    errors: [
      {
        reason: 'FieldValueRequired',
        field: 'spec.accessModes',
        message: 'Required value: at least 1 access mode is required',
      },
      { reason: 'FieldValueRequired', field: 'spec.resources[storage]', message: 'Required value' },
    ],
  },
  {
    name: 'a RoleBinding to an unknown kind',
    obj: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
    },
    errors: [
      {
        reason: 'FieldValueNotSupported',
        field: 'roleRef.kind',
        message: 'Unsupported value: "Group": supported values: "ClusterRole", "Role"',
      },
    ],
  },
];

for (const { name, obj, errors } of cases) {
  test(`validation: ${name}`, (t) => {
    t.deepEqual(admit(obj), errors);
  });
}

test('validation: immutable ConfigMaps and Secrets stay as they are', (t) => {
  const old: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'default' },
    immutable: true,
    data: { a: '1' },
  };
  const update = { ...structuredClone(old), data: { a: '2' } };
  t.deepEqual(admit(update, { operation: 'UPDATE', old }), [
    { reason: 'FieldValueForbidden', field: 'data', message: 'Forbidden: field is immutable when `immutable` is set' },
  ]);
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'default' },
    type: 'Opaque',
  };
  const retyped = { ...structuredClone(secret), type: 'example.com/token' };
  t.deepEqual(admit(retyped, { operation: 'UPDATE', old: secret }), [
    { reason: 'FieldValueInvalid', field: 'type', message: 'Invalid value: "example.com/token": field is immutable' },
  ]);
});

test('validation: a Namespace finalizer must be standard or qualified', (t) => {
  const ns: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'n' },
    spec: { finalizers: ['custom'] },
  };
  t.deepEqual(validateObject(ns, { ...context(), operation: 'CREATE' }), [
    {
      reason: 'FieldValueInvalid',
      field: 'spec.finalizers',
      message: 'Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    },
  ]);
});
