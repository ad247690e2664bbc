import test from 'ava';
import { defaultObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const cases: { name: string; input: KubeObject; output: KubeObject }[] = [
  {
    name: 'Namespace',
    input: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } },
    output: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    },
  },
  {
    name: 'Secret',
    input: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      data: { a: 'b2xk', keep: 'eA==' },
      stringData: { a: 'new' },
    },
    output: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      type: 'Opaque',
      data: { a: 'bmV3', keep: 'eA==' },
    },
  },
  {
    name: 'ConfigMap',
    input: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } },
    output: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { k: 'v' } },
  },
  {
    name: 'PersistentVolumeClaim',
    input: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
    output: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'Node',
    input: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      status: { capacity: { cpu: '4', pods: '110' } },
    },
    output: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: {},
      status: { capacity: { cpu: '4', pods: '110' }, allocatable: { cpu: '4', pods: '110' } },
    },
  },
  {
    name: 'EndpointSlice',
    input: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.5'] }],
      ports: [{ port: 80 }],
    },
    output: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'web-abc', namespace: 'default' },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.244.0.5'] }],
      ports: [{ port: 80, name: '', protocol: 'TCP' }],
    },
  },
  {
    name: 'Lease',
    input: {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'n1', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 },
    },
    output: {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'n1', namespace: 'kube-node-lease' },
      spec: { holderIdentity: 'n1', leaseDurationSeconds: 40 },
    },
  },
];

for (const { name, input, output } of cases) {
  test(`${name} defaults like a v1.32 API server`, (t) => {
    defaultObject(input, context());
    t.deepEqual(input, output);
  });
}

test('generateName becomes a name with five random characters on create', (t) => {
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { generateName: 'cfg-', namespace: 'default' },
  };
  defaultObject(cm, context());
  t.regex(cm.metadata.name ?? '', /^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const long: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x'.repeat(70) } };
  defaultObject(long, context());
  t.is(long.metadata.name?.length, 63);
});

test('unknown kinds are left untouched', (t) => {
  const obj: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} };
  defaultObject(obj, context());
  t.deepEqual(obj, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} });
});
