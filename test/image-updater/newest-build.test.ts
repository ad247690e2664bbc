import test from 'ava';
import { automated, createGitSecret, deployment, startUpdaterWorld } from './helpers.ts';

test.serial(
  'letsgo-dev shape: newest-build picks by the image config created time, frontend by semver; one commit, one event for both',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const backend = `${world.host}/letsgo/backend`;
    const frontend = `${world.host}/letsgo/frontend`;
    // v1.2.0 is the highest version, but v1.1.0 was built last: newest-build must take v1.1.0.
    await world.pushTag('letsgo/backend', 'v1.0.0', '2026-01-01T00:00:00Z');
    await world.pushTag('letsgo/backend', 'v1.2.0', '2026-01-02T00:00:00Z');
    await world.pushTag('letsgo/backend', 'v1.1.0', '2026-01-03T00:00:00Z');
    for (const tag of ['v1.0.0', 'v1.4.2', 'v2.0.0', 'v2.1.0-rc.1']) await world.pushTag('letsgo/frontend', tag);
    await world.push({
      'letsgo/base/kustomization.yaml': 'resources: [backend.yaml, frontend.yaml]\n',
      'letsgo/base/backend.yaml': deployment('backend', `${backend}:v1.0.0`),
      'letsgo/base/frontend.yaml': deployment('frontend', `${frontend}:v1.0.0`),
      'letsgo/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\n',
    });
    await createGitSecret(world);
    await world.createApp(
      'letsgo-dev',
      {
        source: { repoURL: world.repoURL, path: 'letsgo/overlays/dev', targetRevision: 'main' },
        syncPolicy: automated,
      },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `backend=${backend}, frontend=${frontend}`,
            'argocd-image-updater.argoproj.io/backend.update-strategy': 'newest-build',
            'argocd-image-updater.argoproj.io/write-back-method': 'git:secret:argocd/git-creds',
            'argocd-image-updater.argoproj.io/write-back-target': 'kustomization',
          },
        },
      },
    );
    await world.waitApp('letsgo-dev', (a) => a.status?.summary?.images?.length === 2);

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.is(result.errors, 0);
    t.deepEqual(result.updates[0]?.images, [
      { alias: 'backend', image: backend, oldTag: 'v1.0.0', newTag: 'v1.1.0' },
      // No constraint: every semver tag counts, pre-releases included, as the real tool.
      { alias: 'frontend', image: frontend, oldTag: 'v1.0.0', newTag: 'v2.1.0-rc.1' },
    ]);
    const [head] = await world.remoteLog();
    t.is(
      head!.message,
      [
        'build: automatic update of letsgo-dev',
        '',
        `updates image ${backend} tag 'v1.0.0' to 'v1.1.0'`,
        `updates image ${frontend} tag 'v1.0.0' to 'v2.1.0-rc.1'`,
      ].join('\n'),
    );
    t.is(
      await world.remoteFile('letsgo/overlays/dev/kustomization.yaml'),
      [
        'resources: [../../base]',
        'namePrefix: dev-',
        'images:',
        `  - name: ${backend}`,
        '    newTag: v1.1.0',
        `  - name: ${frontend}`,
        '    newTag: v2.1.0-rc.1',
        '',
      ].join('\n'),
    );
    const events = await world.events('letsgo-dev', 'ImagesUpdated');
    t.is(events.length, 1);
    t.is(events[0]!.metadata.annotations?.['argocd-image-updater.image-1/new-tag'], 'v2.1.0-rc.1');
    t.is(events[0]!.metadata.annotations?.['gitops-sandbox.io/commit'], head!.sha);
    const chosen = world.updaterLogs.find((l) => l.msg === 'candidate chosen' && l['alias'] === 'backend');
    t.regex(String(chosen?.['why']), /newest build \(created 2026-01-03T00:00:00.000Z\) of 3 tags/);

    world.controller.refresh('letsgo-dev');
    await world.waitDeploymentImage('dev-backend', `${backend}:v1.1.0`);
    await world.waitDeploymentImage('dev-frontend', `${frontend}:v2.1.0-rc.1`);
  },
);
