import {
  appSynced,
  defineScenario,
  expect,
  gitPushed,
  imageUpdated,
  operationSucceeded,
  probeFailure,
  probeVersion,
  rolloutComplete,
  tagPushed,
} from '../src/scenario/index.ts';

interface Deployment {
  spec: { template: { spec: { containers: { image: string }[] } } };
}

/**
 * The everyday GitOps loop with Argo CD Image Updater: CI pushes `letsgo/backend:v1.0.1`; the updater sees the
 * new tag on its next poll, commits it to the development overlay, the push webhook makes Argo CD sync, and the
 * Deployment rolls over with no failed request. Production follows `~1.0`, so a later v1.1.0 is not for it.
 */
export default defineScenario({
  name: 'image-bump',
  title: 'Image bump: a new backend tag reaches letsgo-dev through the image updater, git and a rolling update',
  description:
    'Publish backend v1.0.1 → image updater commit → webhook → sync → rolling update with no failed request; ' +
    'then v1.1.0: letsgo-dev (newest-build) takes it, letsgo-prod (semver ~1.0) does not.',
  timeout: '20m',
  async run(s) {
    const t = expect(s.timeline);
    const service = 'letsgo-dev/backend';
    await s.probe(service);

    const published = s.action('publish-image', { image: 'letsgo/backend:v1.0.1' });
    await s.step('CI pushes letsgo/backend:v1.0.1 to the registry', () =>
      s.sandbox.publishImage({ repository: 'letsgo/backend', tag: 'v1.0.1' }),
    );
    await s.verify(t.event(tagPushed('letsgo/backend', 'v1.0.1')).within('30s').after(published));
    const updated = await s.step('the image updater writes v1.0.1 to git (next 2-minute poll)', () =>
      s.waitFor(imageUpdated('letsgo-dev', undefined, 'v1.0.1'), { after: published, timeout: '6m' }),
    );
    // The updater polls every 2 minutes; the bound leaves room for one cycle's own work (clone, commit, push).
    await s.verify(
      t
        .event(imageUpdated('letsgo-dev', undefined, 'v1.0.1'))
        .within('4m')
        .after(published),
    );
    await s.verify(t.event(gitPushed('letsgo')).within('4m').after(published));
    const rolled = await s.step('letsgo-dev syncs by webhook and rolls backend over', () =>
      s.waitFor(rolloutComplete(service, { image: ':v1.0.1' }), { after: updated, timeout: '5m' }),
    );
    await s.verify(t.event(operationSucceeded('letsgo-dev')).within('1m').after(updated));
    await s.verify(t.event(appSynced('letsgo-dev')).within('1m').after(updated));
    await s.verify(t.event(probeVersion(service, 'v1.0.1')).within('3m').after(updated));
    await s.verify(t.during(published, rolled).never(probeFailure(service)));
    await s.verify(
      t.sequence(
        published,
        tagPushed('letsgo/backend', 'v1.0.1'),
        gitPushed('letsgo'),
        operationSucceeded('letsgo-dev'),
        rolloutComplete(service, { image: ':v1.0.1' }),
      ),
    );
    await s.verifyState('every letsgo-dev backend pod runs v1.0.1', async () => {
      const pods = await s.getJson<{
        items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
      }>(['pods', '-n', 'letsgo-dev', '-l', 'app.kubernetes.io/name=backend']);
      // Pods already terminating are leaving; what runs is the rest (as `kubectl rollout status` sees it).
      const images = pods.items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.containers[0]!.image);
      return {
        passed: images.length > 0 && images.every((image) => image.endsWith(':v1.0.1')),
        message: `pods run ${images.join(', ')}`,
      };
    });

    const minor = s.action('publish-image', { image: 'letsgo/backend:v1.1.0' });
    await s.step('CI pushes letsgo/backend:v1.1.0', () =>
      s.sandbox.publishImage({ repository: 'letsgo/backend', tag: 'v1.1.0' }),
    );
    await s.step('letsgo-dev (newest-build) takes v1.1.0', () =>
      s.waitFor(imageUpdated('letsgo-dev', undefined, 'v1.1.0'), { after: minor, timeout: '5m' }),
    );
    await s.verify(
      t
        .event(imageUpdated('letsgo-prod', undefined, 'v1.1.0'))
        .within('5m')
        .after(minor)
        .never(),
    );
    await s.verifyState('the production overlay in git stays on ~1.0 (v1.0.1)', async () => {
      const repo = await s.repo('letsgo');
      const kustomization = await repo.read('manifests/overlays/production/kustomization.yaml');
      const v101 = kustomization.includes('v1.0.1');
      const v110 = kustomization.includes('v1.1.0');
      return {
        passed: v101 && !v110,
        message: `production kustomization names ${v110 ? 'v1.1.0' : v101 ? 'v1.0.1' : 'neither'}`,
      };
    });
    const prod = await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-prod']);
    await s.verifyState('letsgo-prod (manual sync) still runs v1.0.0 until an operator syncs', async () => {
      const image = prod.spec.template.spec.containers[0]!.image;
      return { passed: image.endsWith(':v1.0.0'), message: `letsgo-prod backend image is ${image}` };
    });
  },
});
