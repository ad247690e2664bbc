import {
  action,
  appHealthy,
  appOutOfSync,
  appSynced,
  defineScenario,
  expect,
  imageUpdated,
  operationSucceeded,
  probeFailure,
  probeVersion,
  rolloutComplete,
} from '../src/scenario/index.ts';

/**
 * Production waits for a human. The image updater commits the new tag for letsgo-prod (semver ~1.0) just as for
 * development, but letsgo-prod has no automated sync: Argo CD shows it OutOfSync and does nothing until an operator
 * runs `argocd app sync letsgo-prod` (here `gitops-sandbox app sync`). Then the 3 replicas roll over with no failed
 * request.
 */
export default defineScenario({
  name: 'manual-approval',
  title: 'Manual approval: production goes OutOfSync on a new commit and waits for the operator to sync',
  description:
    'Publish backend v1.0.1 → the updater commits it for letsgo-prod → OutOfSync for as long as nobody acts → ' +
    'operator sync → rolling update of 3 replicas with no failed request → Synced and Healthy.',
  timeout: '20m',
  async run(s) {
    const t = expect(s.timeline);
    const service = 'letsgo-prod/backend';
    await s.probe(service);
    const published = s.action('publish-image', { image: 'letsgo/backend:v1.0.1' });
    await s.step('CI pushes letsgo/backend:v1.0.1', () =>
      s.sandbox.publishImage({ repository: 'letsgo/backend', tag: 'v1.0.1' }),
    );
    const committed = await s.step('the image updater commits v1.0.1 for letsgo-prod (semver ~1.0)', () =>
      s.waitFor(imageUpdated('letsgo-prod', undefined, 'v1.0.1'), { after: published, timeout: '5m' }),
    );
    await s.verify(t.event(appOutOfSync('letsgo-prod')).within('1m').after(committed));
    await s.step('nobody approves for 5 minutes', () => s.sleep(5 * 60_000));
    const approved = s.action('operator-approves', { app: 'letsgo-prod' });
    await s.verify(t.event(operationSucceeded('letsgo-prod')).after(committed).before(approved).never());
    await s.verify(
      t
        .event(rolloutComplete(service, { image: ':v1.0.1' }))
        .before(approved)
        .never(),
    );
    await s.step('operator: gitops-sandbox app sync letsgo-prod', () => s.syncApp('letsgo-prod'));
    await s.verify(t.event(operationSucceeded('letsgo-prod')).within('2m').after(approved));
    const rolled = await s.step('the 3 backend replicas roll over to v1.0.1', () =>
      s.waitFor(rolloutComplete(service, { image: ':v1.0.1' }), { after: approved, timeout: '5m' }),
    );
    await s.verify(t.event(appSynced('letsgo-prod')).within('2m').after(approved));
    await s.verify(t.event(appHealthy('letsgo-prod')).within('3m').after(approved));
    await s.verify(t.event(probeVersion(service, 'v1.0.1')).within('3m').after(approved));
    await s.verify(t.during(action('operator-approves'), rolled).never(probeFailure(service)));
    await s.verifyState('every letsgo-prod backend pod runs v1.0.1', async () => {
      const pods = await s.getJson<{
        items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
      }>(['pods', '-n', 'letsgo-prod', '-l', 'app.kubernetes.io/name=backend']);
      // Pods already terminating are leaving; what runs is the rest (as `kubectl rollout status` sees it).
      const images = pods.items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.containers[0]!.image);
      return {
        passed: images.length === 3 && images.every((image) => image.endsWith(':v1.0.1')),
        message: `${images.length} pods run ${[...new Set(images)].join(', ')}`,
      };
    });
  },
});
