import test from 'ava';
import { automated, deployment, startUpdaterWorld } from './helpers.ts';

test.serial(
  'digest strategy follows a moving latest; argocd write-back sets spec.source.kustomize.images; the reconciler deploys the digest',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/shop/web`;
    const first = await world.pushTag('shop/web', 'latest', '2026-01-01T00:00:00Z');
    await world.push({
      'web/kustomization.yaml': 'resources: [web.yaml]\n',
      'web/web.yaml': deployment('web', `${image}:latest`),
    });
    await world.createApp(
      'web',
      {
        source: { repoURL: world.repoURL, path: 'web', targetRevision: 'main', kustomize: { images: ['other=x/y:1'] } },
        syncPolicy: automated,
      },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `web=${image}:latest`,
            'argocd-image-updater.argoproj.io/web.update-strategy': 'digest',
          },
        },
      },
    );
    await world.waitApp('web', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:latest`)));
    const commitsBefore = (await world.remoteLog()).length;

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.deepEqual(result.updates[0], {
      application: 'web',
      method: 'argocd',
      images: [{ alias: 'web', image, oldTag: 'latest', newTag: `latest@${first}` }],
    });
    t.deepEqual((await world.getApp('web')).spec.source?.kustomize?.images, ['other=x/y:1', `${image}@${first}`]);
    t.is((await world.remoteLog()).length, commitsBefore, 'argocd write-back does not commit');
    await world.waitDeploymentImage('web', `${image}@${first}`);
    await world.waitApp('web', (a) => Boolean(a.status?.summary?.images?.includes(`${image}@${first}`)));
    t.is((await updater.runOnce()).imagesUpdated, 0, 'the digest is already deployed');

    const second = await world.pushTag('shop/web', 'latest', '2026-01-02T00:00:00Z');
    t.not(second, first);
    const moved = await updater.runOnce();
    t.deepEqual(moved.updates[0]?.images, [
      { alias: 'web', image, oldTag: `latest@${first}`, newTag: `latest@${second}` },
    ]);
    await world.waitDeploymentImage('web', `${image}@${second}`);
    const events = await world.events('web', 'ImagesUpdated');
    t.is(events.length, 2);
    t.is(events[1]!.metadata.annotations?.['gitops-sandbox.io/commit'], undefined);
  },
);
