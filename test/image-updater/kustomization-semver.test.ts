import test from 'ava';
import { automated, createGitSecret, deployment, startUpdaterWorld } from './helpers.ts';

test.serial(
  'semver ~1.0 picks v1.0.5 over v1.1.0 and v2.0.0; kustomization write-back keeps comments, commits once, the reconciler syncs it',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/letsgo/backend`;
    for (const tag of ['v1.0.0', 'v1.0.3', 'v1.0.5', 'v1.1.0', 'v2.0.0', 'latest'])
      await world.pushTag('letsgo/backend', tag);
    const overlay = [
      '# prod overlay: the image updater pins the backend here',
      'resources:',
      '  - ../../base',
      'images:',
      `  - name: ${image} # the backend`,
      '    newTag: v1.0.0',
      'namePrefix: prod- # keep me',
      '',
    ].join('\n');
    await world.push({
      'letsgo/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
      'letsgo/base/deploy.yaml': deployment('backend', `${image}:v0.9.0`),
      'letsgo/overlays/prod/kustomization.yaml': overlay,
    });
    await createGitSecret(world);
    await world.createApp(
      'letsgo-prod',
      {
        source: { repoURL: world.repoURL, path: 'letsgo/overlays/prod', targetRevision: 'main' },
        syncPolicy: automated,
      },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `backend=${image}:~1.0`,
            'argocd-image-updater.argoproj.io/write-back-method': 'git:secret:argocd/git-creds',
            'argocd-image-updater.argoproj.io/write-back-target': 'kustomization',
          },
        },
      },
    );
    await world.waitApp('letsgo-prod', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:v1.0.0`)));
    const before = await world.remoteLog();

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.is(result.imagesUpdated, 1);
    t.is(result.errors, 0);
    const update = result.updates[0]!;
    t.deepEqual(update.images, [{ alias: 'backend', image, oldTag: 'v1.0.0', newTag: 'v1.0.5' }]);
    t.is(update.method, 'git');

    const after = await world.remoteLog();
    t.is(after.length, before.length + 1);
    t.is(after[0]!.sha, update.commit ?? 'no commit');
    t.is(after[0]!.author, 'argocd-image-updater <noreply@argoproj.io>');
    t.is(
      after[0]!.message,
      `build: automatic update of letsgo-prod\n\nupdates image ${image} tag 'v1.0.0' to 'v1.0.5'`,
    );
    t.is(
      await world.remoteFile('letsgo/overlays/prod/kustomization.yaml'),
      overlay.replace('newTag: v1.0.0', 'newTag: v1.0.5'),
      'only the tag changed; comments and key order kept',
    );

    const [event] = await world.events('letsgo-prod', 'ImagesUpdated');
    t.truthy(event);
    t.is(event!.message, "Successfully updated application 'letsgo-prod'");
    t.is(event!.type, 'Normal');
    t.is(event!.source?.component, 'ArgocdImageUpdater');
    t.deepEqual(event!.metadata.annotations, {
      'argocd-image-updater.image-0/full-image-name': image,
      'argocd-image-updater.image-0/image-name': 'letsgo/backend',
      'argocd-image-updater.image-0/old-tag': 'v1.0.0',
      'argocd-image-updater.image-0/new-tag': 'v1.0.5',
      'gitops-sandbox.io/commit': update.commit!,
    });

    world.controller.refresh('letsgo-prod');
    await world.waitDeploymentImage('prod-backend', `${image}:v1.0.5`);
    const synced = await world.waitApp('letsgo-prod', (a) =>
      Boolean(a.status?.summary?.images?.includes(`${image}:v1.0.5`)),
    );
    t.is(synced.status?.sync?.revision, update.commit);

    // Nothing new in the registry: no commit, no event.
    const again = await updater.runOnce();
    t.is(again.imagesUpdated, 0);
    t.is((await world.remoteLog()).length, after.length);
    t.is((await world.events('letsgo-prod', 'ImagesUpdated')).length, 1);
    t.true(world.updaterLogs.some((l) => l.msg === 'candidate chosen' && l['candidate'] === 'v1.0.5'));
  },
);
