import test from 'ava';
import { defaultObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const service = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});

test('a ClusterIP service gets an address, families, policies and target ports', (t) => {
  const svc = service({
    selector: { app: 'web' },
    ports: [{ port: 80 }, { name: 'm', port: 9090, targetPort: 'metrics' }],
  });
  defaultObject(svc, context());
  t.deepEqual(svc, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { name: 'm', port: 9090, protocol: 'TCP', targetPort: 'metrics' },
      ],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  });
});

test('a headless service stays headless', (t) => {
  const svc = service({ clusterIP: 'None', selector: { app: 'db' } });
  defaultObject(svc, context());
  const spec = svc['spec'] as Record<string, unknown>;
  t.is(spec['clusterIP'], 'None');
  t.deepEqual(spec['clusterIPs'], ['None']);
});

test('NodePort and LoadBalancer services get node ports and an external traffic policy', (t) => {
  const nodePort = service({ type: 'NodePort', ports: [{ port: 80 }, { port: 443, nodePort: 31443 }] });
  defaultObject(nodePort, context());
  const spec = nodePort['spec'] as Record<string, unknown>;
  t.deepEqual(spec['ports'], [
    { port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30000 },
    { port: 443, protocol: 'TCP', targetPort: 443, nodePort: 31443 },
  ]);
  t.is(spec['externalTrafficPolicy'], 'Cluster');
  const lb = service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] });
  defaultObject(lb, context());
  const lbSpec = lb['spec'] as Record<string, unknown>;
  t.is(lbSpec['allocateLoadBalancerNodePorts'], true);
  t.is(lbSpec['healthCheckNodePort'], 30001);
});

test('ExternalName services get no address', (t) => {
  const svc = service({ type: 'ExternalName', externalName: 'example.com' });
  defaultObject(svc, context());
  const spec = svc['spec'] as Record<string, unknown>;
  t.is(spec['clusterIP'], undefined);
  t.is(spec['internalTrafficPolicy'], undefined);
});

test('an update that omits allocated values keeps them', (t) => {
  const old = service({ type: 'NodePort', ports: [{ port: 80 }] });
  defaultObject(old, context());
  const update = service({ type: 'NodePort', ports: [{ port: 80 }] });
  defaultObject(update, context({ operation: 'UPDATE', old }));
  t.deepEqual(update['spec'], old['spec']);
});
