import test from 'ava';
import { startKubelet } from '../../../src/kube/kubelet/index.ts';
import { simplePod, startTestCluster } from './helpers/cluster.ts';

test('a bound pod goes Pending → Running → Ready with events, IPs from the node CIDR', async (t) => {
  await using c = await startTestCluster();
  await using kubelet = await startKubelet({ ctx: c.ctx, nodeName: 'worker-1', nodeIndex: 1, onStage: c.onStage });
  c.createBound(simplePod('web'), 'worker-1');
  await c.clock.advance(10_000);
  const pod = c.pod('web')!;
  const status = pod['status'] as Record<string, unknown>;
  t.is(status['phase'], 'Running');
  t.is(status['podIP'], '10.244.1.2');
  t.is(status['hostIP'], '172.18.0.3');
  t.deepEqual(
    (status['conditions'] as { type: string; status: string }[]).map((x) => `${x.type}=${x.status}`),
    ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
  );
  t.deepEqual(c.events('web'), [
    'Normal Pulling: Pulling image "nginx:1.27"',
    'Normal Pulled: Successfully pulled image "nginx:1.27" in 1.227s (1.227s including waiting). Image size: 18452437 bytes.',
    'Normal Created: Created container: web',
    'Normal Started: Started container web',
  ]);
  t.log(c.traceLines().join('\n'));
  t.is(kubelet.state, 'running');
});
