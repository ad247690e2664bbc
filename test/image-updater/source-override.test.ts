import test from 'ava';
import { automated, deployment, startUpdaterWorld } from './helpers.ts';

test.serial(
  'default target .argocd-source-<app>.yaml (git:repocreds): alphabetical with allow-tags and ignore-tags; Argo CD merges the file and syncs',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/shop/web`;
    for (const tag of ['build-001', 'build-007', 'build-010', 'build-999-dirty', 'main-020', 'zz-latest']) {
      await world.pushTag('shop/web', tag);
    }
    await world.push({
      'shop/kustomization.yaml': 'resources: [web.yaml]\n',
      'shop/web.yaml': deployment('web', `${image}:build-001`),
      'shop/.argocd-source-shop.yaml': '# written by the image updater\nkustomize:\n  images:\n    - other/app:1.0\n',
    });
    await world.createApp(
      'shop',
      { source: { repoURL: world.repoURL, path: 'shop', targetRevision: 'main' }, syncPolicy: automated },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `web=${image}`,
            'argocd-image-updater.argoproj.io/web.update-strategy': 'name',
            'argocd-image-updater.argoproj.io/web.allow-tags': 'regexp:^build-\\d+',
            'argocd-image-updater.argoproj.io/web.ignore-tags': '*-dirty, build-00?',
            'argocd-image-updater.argoproj.io/write-back-method': 'git',
          },
        },
      },
    );
    await world.waitApp('shop', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:build-001`)));

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    // build-999-dirty is ignored, build-00? is ignored, main-020 and zz-latest are not allowed: build-010 wins.
    t.deepEqual(result.updates[0]?.images, [{ alias: 'web', image, oldTag: 'build-001', newTag: 'build-010' }]);
    t.is(
      await world.remoteFile('shop/.argocd-source-shop.yaml'),
      `# written by the image updater\nkustomize:\n  images:\n    - other/app:1.0\n    - ${image}:build-010\n`,
    );
    const [head] = await world.remoteLog();
    t.is(head!.sha, result.updates[0]!.commit ?? '');

    world.controller.refresh('shop');
    await world.waitDeploymentImage('web', `${image}:build-010`);
  },
);
