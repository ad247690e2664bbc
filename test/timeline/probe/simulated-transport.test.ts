import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { simulatedTransport } from '../../../src/timeline/probe/simulated-transport.ts';
import type { ClusterView } from '../../../src/timeline/recorder/cluster-view.ts';

// The transport's port (what the recorder's watches hold) filled by hand; the embedded test drives it for real.
function view(
  endpoints: { ip: string; pod: string; ready?: boolean; node?: string }[],
  pods: KubeObject[],
): ClusterView {
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'backend-x', namespace: 'web', labels: { 'kubernetes.io/service-name': 'backend' } },
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true },
      ...(e.node ? { nodeName: e.node } : {}),
      targetRef: { kind: 'Pod', name: e.pod, namespace: 'web' },
    })),
  };
  return {
    endpointSlices: (service) => (service === 'web/backend' ? [slice] : []),
    pod: (namespace, name) => pods.find((p) => p.metadata.namespace === namespace && p.metadata.name === name),
  };
}

const pod = (name: string, image: string, node = 'worker-1'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'web' },
  spec: { nodeName: node, containers: [{ name: 'backend', image }] },
});

test('round robin over ready endpoints; the version is the image tag of the pod behind', async (t) => {
  const signal = new AbortController().signal;
  const cluster = view(
    [
      { ip: '10.0.0.2', pod: 'b' },
      { ip: '10.0.0.1', pod: 'a' },
      { ip: '10.0.0.3', pod: 'c', ready: false },
    ],
    [pod('a', '127.0.0.1:5001/letsgo/backend:v1'), pod('b', '127.0.0.1:5001/letsgo/backend:v2'), pod('c', 'x:v3')],
  );
  const transport = simulatedTransport({ cluster });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await transport.request('web/backend', signal));
  t.deepEqual(answers, [
    { ok: true, version: 'v1', endpoint: '10.0.0.1' },
    { ok: true, version: 'v2', endpoint: '10.0.0.2' },
    { ok: true, version: 'v1', endpoint: '10.0.0.1' },
    { ok: true, version: 'v2', endpoint: '10.0.0.2' },
  ]);
  t.deepEqual(await transport.request('web/other', signal), {
    ok: false,
    reason: 'connection refused: no ready endpoint',
  });
});

test('requests to a pod on a down node or to a pod that is gone fail', async (t) => {
  const signal = new AbortController().signal;
  const cluster = view(
    [
      { ip: '10.0.0.1', pod: 'a', node: 'worker-2' },
      { ip: '10.0.0.2', pod: 'gone' },
    ],
    [pod('a', 'reg/backend:v1', 'worker-2')],
  );
  const transport = simulatedTransport({ cluster, isNodeDown: (node) => node === 'worker-2' });
  t.deepEqual(await transport.request('web/backend', signal), {
    ok: false,
    reason: 'timed out: 10.0.0.1 is on node worker-2, which is down',
    endpoint: '10.0.0.1',
  });
  t.deepEqual(await transport.request('web/backend', signal), {
    ok: false,
    reason: 'connection refused: no pod behind 10.0.0.2',
    endpoint: '10.0.0.2',
  });
});
