import test from 'ava';
import { expect } from '../../../src/timeline/expect.ts';
import { where } from '../../../src/timeline/matcher.ts';
import { imageUpdated, nodeNotReady, podFailed, podReady, rolloutComplete } from '../../../src/timeline/matchers.ts';
import { startRecorder } from '../../../src/timeline/recorder/recorder.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

const web = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

test.serial(
  'the recorder sees a Deployment roll out, a missing image fail, a node go Unknown and an image update Event',
  async (t) => {
    await using s = await startTestSandbox({ speed: 25 });
    const { clock } = s.sandbox;
    await using recorder = await startRecorder({ kubeconfigPath: s.sandbox.kubeconfigPath, clock });
    const { timeline } = recorder;
    // Nodes already there are reported once, as their initial state.
    const initialNodes = timeline.events({ component: 'node', type: 'ready' });
    t.true(initialNodes.some((e) => e.subject === 'worker-1' && e.data?.['status'] === 'True' && e.data?.['initial']));

    const applied = timeline.action('apply web');
    t.is((await s.kubectl(['apply', '-f', '-'], { input: web })).exitCode, 0);
    const done = await timeline.waitFor(rolloutComplete('default/web', { image: 'nginx:1.27' }), {
      after: applied,
      timeout: '2m',
    });
    const endpoints = await timeline.waitFor(
      where('service', 'endpoints', (e) => e.subject === 'default/web' && e.data?.['ready'] === 2),
      { after: applied, timeout: '1m' },
    );
    const podCreated = where('pod', 'created', (e) => e.data?.['app'] === 'web' && e.data?.['owner'] !== undefined);
    const podScheduled = where('pod', 'scheduled', (e) => e.subject.startsWith('default/web-'));
    const order = expect(timeline).sequence(applied, podCreated, podScheduled, podReady({ app: 'web' }));
    // Each kind has its own watch stream: the pods' events may land after the endpoints'.
    const told = await order.settle({ timeout: '30s' });
    t.true(told.passed, told.message);
    await timeline.waitFor(
      where('pod', 'ready', () => timeline.events(podReady({ app: 'web' })).length === 2),
      { timeout: '30s' },
    );
    const ready = timeline.events(podReady({ app: 'web' }));
    t.is(ready.length, 2);
    t.true(ready.every((e) => String(e.data?.['node']).startsWith('worker-')));
    t.deepEqual(ready[0]!.data?.['images'], ['nginx:1.27']);
    t.true(timeline.isAfter(done, applied) && timeline.isAfter(endpoints, applied));
    // Only transitions: one event per change of the rollout, never two equal ones in a row.
    const rollouts = timeline
      .events({ component: 'deployment', subject: 'default/web' })
      .map((e) => JSON.stringify(e.data));
    t.true(rollouts.every((r, i) => i === 0 || r !== rollouts[i - 1]));

    // An image the sandbox registry does not have fails to pull.
    const broken = timeline.action('set image');
    const registryHost = s.sandbox.registry.host;
    await s.kubectl(['set', 'image', 'deployment/web', `web=${registryHost}/missing/web:v9`]);
    const failed = await timeline.waitFor(podFailed(), { after: broken, timeout: '1m' });
    t.regex(String(failed.data?.['reason']), /ErrImagePull|ImagePullBackOff/);

    // The updater's Event on an Application becomes image-updater/update.
    await s.kubectl(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Event
metadata:
  name: letsgo-dev.update1
  namespace: argocd
  annotations:
    argocd-image-updater.image-0/image-name: letsgo/backend
    argocd-image-updater.image-0/full-image-name: ${registryHost}/letsgo/backend
    argocd-image-updater.image-0/old-tag: v1
    argocd-image-updater.image-0/new-tag: v2
    gitops-sandbox.io/commit: 3f2a1c0ffee
involvedObject: {apiVersion: argoproj.io/v1alpha1, kind: Application, name: letsgo-dev, namespace: argocd}
reason: ImagesUpdated
message: Successfully updated application 'letsgo-dev'
type: Normal
`,
    });
    const update = await timeline.waitFor(imageUpdated('letsgo-dev', 'letsgo/backend', 'v2'), { timeout: '30s' });
    t.deepEqual(update.data, {
      application: 'argocd/letsgo-dev',
      image: `${registryHost}/letsgo/backend`,
      from: 'v1',
      to: 'v2',
      commit: '3f2a1c0ffee',
    });

    // A powered-off node's Ready goes Unknown after the grace period, and it gets the unreachable taint.
    const stopped = timeline.action('stop node', { node: 'worker-2' });
    await s.sandbox.faults.stopNode('worker-2');
    const unknown = await timeline.waitFor(nodeNotReady('worker-2'), { after: stopped, timeout: '2m' });
    t.is(unknown.data?.['status'], 'Unknown');
    t.true(unknown.at - stopped.at >= 30_000, `Unknown ${unknown.at - stopped.at} ms after the stop`);
    const tainted = await timeline.waitFor(
      where('node', 'taints', (e) => e.subject === 'worker-2' && String(e.data?.['taints']).includes('unreachable')),
      { after: stopped, timeout: '1m' },
    );
    t.true(timeline.isAfter(tainted, stopped));
  },
);
