import test from 'ava';
import { startEndpointsController } from '../../../../src/kube/controllers/endpoints/index.ts';
import { createPod, setPodStatus, startCluster } from '../support/cluster.ts';

test('Endpoints list ready addresses apart from not-ready ones and drop terminating pods', async (t) => {
  await using c = await startCluster();
  startEndpointsController(c.ctx);
  c.api.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }] },
  });
  const ports = [{ name: 'web', containerPort: 8080 }];
  createPod(c.api, c.clock, { name: 'a', labels: { app: 'web' }, node: 'n1', ip: '10.0.0.2', ports });
  const b = createPod(c.api, c.clock, {
    name: 'b',
    labels: { app: 'web' },
    node: 'n1',
    ip: '10.0.0.3',
    ports,
    ready: false,
  });
  await c.clock.advance(1);
  const subsets = () => c.api.get('v1', 'Endpoints', 'default', 'web')!['subsets'];
  t.like(subsets(), [
    {
      addresses: [{ ip: '10.0.0.2', nodeName: 'n1', targetRef: { kind: 'Pod', name: 'a' } }],
      notReadyAddresses: [{ ip: '10.0.0.3' }],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    },
  ]);
  setPodStatus(c.api, c.clock, b, { phase: 'Running', ip: '10.0.0.3', ready: true });
  c.api.delete('v1', 'Pod', 'default', 'a');
  await c.clock.advance(1);
  t.deepEqual(
    (subsets() as { addresses: { ip: string }[] }[]).map((s) => s.addresses.map((a) => a.ip)),
    [['10.0.0.3']],
  );
  c.api.delete('v1', 'Service', 'default', 'web');
  await c.clock.advance(1);
  t.is(c.api.get('v1', 'Endpoints', 'default', 'web'), undefined);
});
