import test from 'ava';
import { expect } from '../../../src/timeline/expect.ts';
import { where } from '../../../src/timeline/matcher.ts';
import { podReady, probeFailure, probeVersion, rolloutComplete } from '../../../src/timeline/matchers.ts';
import { startProbe } from '../../../src/timeline/probe/probe.ts';
import { simulatedTransport } from '../../../src/timeline/probe/simulated-transport.ts';
import { startRecorder } from '../../../src/timeline/recorder/recorder.ts';
import { atLeast, readyEndpoints, state } from '../../../src/timeline/state.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

const backend = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: backend, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: backend}}}
      containers: [{name: backend, image: ${image}}]
---
apiVersion: v1
kind: Service
metadata: {name: backend, namespace: default}
spec:
  selector: {app: backend}
  ports: [{port: 80}]
`;

test.serial(
  'the simulated probe sees a rolling update switch versions, an outage at zero endpoints, and a down node',
  async (t) => {
    await using s = await startTestSandbox({ speed: 20 });
    const { clock, registry } = s.sandbox;
    await s.sandbox.publishImage({ repository: 'letsgo/backend', tag: 'v1' });
    await s.sandbox.publishImage({ repository: 'letsgo/backend', tag: 'v2' });
    await using recorder = await startRecorder({
      kubeconfigPath: s.sandbox.kubeconfigPath,
      clock,
      namespaces: ['default'],
    });
    const { timeline } = recorder;
    const v1 = `${registry.host}/letsgo/backend:v1`;
    t.is((await s.kubectl(['apply', '-f', '-'], { input: backend(v1) })).exitCode, 0);
    await timeline.waitFor(rolloutComplete('default/backend', { image: v1 }), { timeout: '2m' });
    await timeline.waitFor(
      where('service', 'endpoints', (e) => e.data?.['ready'] === 2),
      { timeout: '30s' },
    );

    await using probe = await startProbe({
      service: 'default/backend',
      transport: simulatedTransport({ cluster: recorder.cluster, isNodeDown: (n) => s.sandbox.isNodeDown(n) }),
      clock,
      sink: timeline,
    });
    await timeline.waitFor(probeVersion('backend', 'v1'), { timeout: '5s' });

    // A rolling update (maxUnavailable 0 for 2 replicas): the answering version switches with no failed request.
    const update = timeline.action('set image', { tag: 'v2' });
    await s.kubectl(['set', 'image', 'deployment/backend', `backend=${registry.host}/letsgo/backend:v2`]);
    const rolled = await timeline.waitFor(rolloutComplete('default/backend', { image: ':v2' }), {
      after: update,
      timeout: '2m',
    });
    await timeline.waitFor(probeVersion('backend', 'v2'), { after: update, timeout: '10s' });
    const noDowntime = expect(timeline).during(update, rolled).never(probeFailure('backend'));
    t.true(noDowntime.check().passed, noDowntime.check().message);
    t.true(
      expect(timeline)
        .during(update, rolled)
        .always(state(readyEndpoints('backend'), atLeast(1)))
        .check().passed,
    );
    t.true(timeline.events(probeVersion('backend', 'v2')).every((e) => e.data?.['previous'] === 'v1'));

    // No endpoints, no answers: every request fails until a pod is ready again.
    const scaledDown = timeline.action('scale', { replicas: 0 });
    await s.kubectl(['scale', 'deployment/backend', '--replicas=0']);
    const outage = await timeline.waitFor(probeFailure('backend'), { after: scaledDown, timeout: '1m' });
    t.is(outage.data?.['reason'], 'connection refused: no ready endpoint');
    const before = probe.counts().failed;
    const scaledUp = timeline.action('scale', { replicas: 2 });
    await s.kubectl(['scale', 'deployment/backend', '--replicas=2']);
    const recovered = await timeline.waitFor(where('probe', 'recovered'), { after: scaledUp, timeout: '1m' });
    t.true(Number(recovered.data?.['failures']) >= 4, `${recovered.data?.['failures']} failures`);
    t.true(probe.counts().failed > before);
    await timeline.waitFor(
      where('service', 'endpoints', (e) => e.data?.['ready'] === 2),
      { after: scaledUp, timeout: '1m' },
    );

    // A powered-off node keeps its pod's Ready endpoint for a while: requests routed there fail meanwhile.
    // The topology spread puts one replica on each worker.
    await timeline.waitFor(podReady({ app: 'backend', node: 'worker-2' }), { after: scaledUp, timeout: '30s' });
    const stopped = timeline.action('stop node', { node: 'worker-2' });
    await s.sandbox.faults.stopNode('worker-2');
    const refused = await timeline.waitFor(probeFailure('backend'), { after: stopped, timeout: '10s' });
    t.regex(String(refused.data?.['reason']), /on node worker-2, which is down/);
    const dropped = await timeline.waitFor(
      where('service', 'endpoints', (e) => e.subject === 'default/backend' && e.data?.['ready'] === 1),
      { after: stopped, timeout: '2m' },
    );
    t.true(dropped.at - stopped.at >= 30_000, `endpoint dropped ${dropped.at - stopped.at} ms after the stop`);
    // Once the endpoint is gone, the remaining replica answers everything.
    await clock.sleep(5000);
    const after = expect(timeline).during(dropped).never(probeFailure('backend'));
    t.true(after.check().passed, after.check().message);
    await s.sandbox.faults.startNode('worker-2');
  },
);
