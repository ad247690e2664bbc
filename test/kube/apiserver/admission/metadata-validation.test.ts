import test from 'ava';
import { validateObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { FieldError } from '../../../../src/kube/apiserver/field-error.ts';
import type { KubeObject, ObjectMeta } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const subdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const labelMessage =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1035Message =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const namePartMessage =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const configMap = (metadata: ObjectMeta): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata });

const cases: { name: string; obj: KubeObject; errors: FieldError[] }[] = [
  {
    name: 'a name that is not a subdomain',
    obj: configMap({ name: 'Foo_bar', namespace: 'default' }),
    errors: [
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "Foo_bar": ${subdomainMessage}` },
    ],
  },
  {
    name: 'no name and no generateName',
    obj: configMap({ namespace: 'default' }),
    errors: [
      {
        reason: 'FieldValueRequired',
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ],
  },
  {
    name: 'a namespaced kind without namespace',
    obj: configMap({ name: 'c' }),
    errors: [{ reason: 'FieldValueRequired', field: 'metadata.namespace', message: 'Required value' }],
  },
  {
    name: 'a cluster-scoped kind with a namespace',
    obj: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', namespace: 'default' } },
    errors: [
      { reason: 'FieldValueForbidden', field: 'metadata.namespace', message: 'Forbidden: not allowed on this type' },
    ],
  },
  {
    name: 'a Namespace name that is not a DNS label',
    obj: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } },
    errors: [{ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "a.b": ${labelMessage}` }],
  },
  {
    name: 'a Service name starting with a digit',
    obj: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: '1web', namespace: 'default' },
      spec: { type: 'ClusterIP', sessionAffinity: 'None', clusterIP: 'None' },
    },
    errors: [
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "1web": ${dns1035Message}` },
    ],
  },
  {
    name: 'an RBAC name with a slash',
    obj: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a/b' } },
    errors: [
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "a/b": may not contain '/'` },
    ],
  },
  {
    name: 'RBAC names may use colons and capitals',
    obj: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:Controller' } },
    errors: [],
  },
  {
    name: 'bad label key and value',
    obj: configMap({ name: 'c', namespace: 'default', labels: { 'a b': 'ok', app: '-x' } }),
    errors: [
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "a b": ${namePartMessage}` },
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "-x": ${labelValueMessage}` },
    ],
  },
  {
    name: 'an empty label key prefix',
    obj: configMap({ name: 'c', namespace: 'default', labels: { '/a': 'x' } }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.labels',
        message: 'Invalid value: "/a": prefix part must be non-empty',
      },
    ],
  },
  {
    name: 'annotations over 256 KiB',
    obj: configMap({ name: 'c', namespace: 'default', annotations: { big: 'x'.repeat(256 * 1024) } }),
    errors: [
      {
        reason: 'FieldValueTooLong',
        field: 'metadata.annotations',
        message: 'Too long: may not be more than 262144 bytes',
      },
    ],
  },
  {
    name: 'finalizers orphan and foregroundDeletion together',
    obj: configMap({ name: 'c', namespace: 'default', finalizers: ['orphan', 'foregroundDeletion'] }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.finalizers',
        message:
          'Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
      },
    ],
  },
  {
    name: 'owner references without uid and with two controllers',
    obj: configMap({
      name: 'c',
      namespace: 'default',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '', controller: true },
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
      ],
    }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.ownerReferences.uid',
        message: 'Invalid value: "": must not be empty',
      },
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.ownerReferences',
        message: `Invalid value: ${JSON.stringify([
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '', controller: true },
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        ])}: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b`,
      },
    ],
  },
  {
    name: 'an unknown kind gets metadata validation only',
    obj: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'UPPER' }, spec: { anything: true } },
    errors: [
      { reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "UPPER": ${subdomainMessage}` },
    ],
  },
];

for (const { name, obj, errors } of cases) {
  test(`metadata: ${name}`, (t) => {
    t.deepEqual(validateObject(obj, context()), errors);
  });
}

test('metadata: name and namespace cannot change on update', (t) => {
  const old = configMap({ name: 'c', namespace: 'default', uid: '1' });
  const renamed = configMap({ name: 'd', namespace: 'default', uid: '1' });
  t.deepEqual(validateObject(renamed, context({ operation: 'UPDATE', old })), [
    { reason: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: "d": field is immutable' },
  ]);
});
