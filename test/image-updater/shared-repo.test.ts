import test from 'ava';
import { automated, createGitSecret, deployment, startUpdaterWorld } from './helpers.ts';

const P = 'argocd-image-updater.argoproj.io/';

test.serial(
  'dev (newest-build) and prod (semver ~1.0) overlays of one repo updated in one cycle: one commit each, both kept, both synced',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/letsgo/backend`;
    await world.pushTag('letsgo/backend', 'v1.0.0', '2026-01-01T00:00:00Z');
    await world.pushTag('letsgo/backend', 'v1.0.1', '2026-01-02T00:00:00Z');
    await world.pushTag('letsgo/backend', 'v1.1.0', '2026-01-03T00:00:00Z');
    await world.push({
      'letsgo/base/kustomization.yaml': `resources: [backend.yaml]\nimages:\n  - name: ${image}\n    newTag: v1.0.0\n`,
      'letsgo/base/backend.yaml': deployment('backend', `${image}:v0`),
      'letsgo/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\n',
      'letsgo/overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamePrefix: prod-\n',
    });
    await createGitSecret(world);
    const annotations = (imageList: string, extra: Record<string, string> = {}) => ({
      [`${P}image-list`]: imageList,
      [`${P}write-back-method`]: 'git:secret:argocd/git-creds',
      [`${P}write-back-target`]: 'kustomization',
      [`${P}git-branch`]: 'main',
      ...extra,
    });
    const source = (env: string) => ({
      source: { repoURL: world.repoURL, path: `letsgo/overlays/${env}`, targetRevision: 'main' },
      syncPolicy: automated,
    });
    await world.createApp('letsgo-dev', source('dev'), {
      metadata: { annotations: annotations(`backend=${image}`, { [`${P}backend.update-strategy`]: 'newest-build' }) },
    });
    await world.createApp('letsgo-prod', source('prod'), {
      metadata: { annotations: annotations(`backend=${image}:~1.0`, { [`${P}backend.update-strategy`]: 'semver' }) },
    });
    for (const app of ['letsgo-dev', 'letsgo-prod']) {
      await world.waitApp(app, (a) => Boolean(a.status?.summary?.images?.includes(`${image}:v1.0.0`)));
    }

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.is(result.errors, 0);
    const byApp = Object.fromEntries(result.updates.map((u) => [u.application, u]));
    t.is(byApp['letsgo-dev']?.images[0]?.newTag, 'v1.1.0');
    t.is(byApp['letsgo-prod']?.images[0]?.newTag, 'v1.0.1');

    const log = await world.remoteLog();
    t.deepEqual(
      log
        .slice(0, 2)
        .map((c) => c.message.split('\n')[0])
        .sort(),
      ['build: automatic update of letsgo-dev', 'build: automatic update of letsgo-prod'],
    );
    t.deepEqual(
      log
        .slice(0, 2)
        .map((c) => c.sha)
        .sort(),
      [byApp['letsgo-dev']!.commit, byApp['letsgo-prod']!.commit].sort(),
    );
    t.regex(await world.remoteFile('letsgo/overlays/dev/kustomization.yaml'), /newTag: v1\.1\.0/);
    t.regex(await world.remoteFile('letsgo/overlays/prod/kustomization.yaml'), /newTag: v1\.0\.1/);

    world.controller.refresh('letsgo-dev');
    world.controller.refresh('letsgo-prod');
    await world.waitDeploymentImage('dev-backend', `${image}:v1.1.0`);
    await world.waitDeploymentImage('prod-backend', `${image}:v1.0.1`);
  },
);
