import test from 'ava';
import { parseImageList } from '../../src/image-updater/annotations/image-list.ts';
import { imageSettings } from '../../src/image-updater/annotations/image-settings.ts';
import { writeBackConfig } from '../../src/image-updater/annotations/write-back-config.ts';
import type { Application } from '../../src/reconciler/application/index.ts';

const P = 'argocd-image-updater.argoproj.io/';

test('image-list: aliases, constraints after the last path component, registries with ports, bad entries reported', (t) => {
  const { entries, problems } = parseImageList(
    'web=127.0.0.1:5000/letsgo/web:~1.0, 127.0.0.1:5000/letsgo/api, nginx:1.26.x , x=Bad/Name, ',
  );
  t.deepEqual(
    entries.map((e) => [e.alias, e.image.registry, e.image.repository, e.constraint]),
    [
      ['web', '127.0.0.1:5000', 'letsgo/web', '~1.0'],
      [undefined, '127.0.0.1:5000', 'letsgo/api', undefined],
      [undefined, 'docker.io', 'library/nginx', '1.26.x'],
    ],
  );
  t.is(problems.length, 1);
  t.regex(problems[0]!.message, /entry 'x=Bad\/Name' is not an image/);
});

test('per-image settings: the alias key wins over the app-wide one; legacy strategy names; / in aliases becomes _', (t) => {
  const [entry] = parseImageList('team/web=127.0.0.1:5000/web').entries;
  const { settings, problems } = imageSettings(
    {
      [`${P}update-strategy`]: 'latest',
      [`${P}team_web.allow-tags`]: 'regexp:^v',
      [`${P}ignore-tags`]: 'v0*, *-rc',
      [`${P}team_web.helm.image-spec`]: 'web.image',
      [`${P}team_web.force-update`]: 'true',
      [`${P}team_web.pull-secret`]: 'env:REGISTRY_CREDS',
    },
    entry!,
  );
  t.deepEqual(problems, []);
  t.is(settings.strategy, 'newest-build');
  t.is(settings.allow.kind, 'regexp');
  t.deepEqual(settings.ignore, ['v0*', '*-rc']);
  t.deepEqual(settings.helm, { imageName: 'image.name', imageTag: 'image.tag', imageSpec: 'web.image' });
  t.true(settings.forceUpdate);
  t.is(settings.pullSecret, 'env:REGISTRY_CREDS');
  t.is(imageSettings({ [`${P}update-strategy`]: 'name' }, entry!).settings.strategy, 'alphabetical');
  const platforms = imageSettings({ [`${P}team_web.platforms`]: 'linux/arm64' }, entry!).problems;
  t.deepEqual(
    platforms.map((p) => [p.annotation, p.skip]),
    [[`${P}team_web.platforms`, false]],
    'an unsupported setting is reported, not silently ignored',
  );
});

test('digest without a tag to follow, and a bad constraint, skip the image', (t) => {
  const [digest] = parseImageList('a=127.0.0.1:5000/a').entries;
  const result = imageSettings({ [`${P}a.update-strategy`]: 'digest' }, digest!);
  t.true(result.problems[0]!.skip);
  t.regex(result.problems[0]!.message, /digest strategy follows a tag/);
  const [bad] = parseImageList('b=127.0.0.1:5000/b:>=1.0 <=').entries;
  t.true(imageSettings({}, bad!).problems[0]!.skip);
});

const app = (annotations: Record<string, string>, source: Partial<Application['spec']['source']> = {}) =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'demo', namespace: 'argocd', annotations },
    spec: {
      project: 'default',
      destination: {},
      source: { repoURL: 'http://git/apps.git', path: 'apps/demo/overlays/dev', targetRevision: 'main', ...source },
    },
  }) as Application;

test('write-back config: methods, credentials, targets relative to the source path or the repo root, branches', (t) => {
  t.deepEqual(writeBackConfig(app({}), 'f'), { method: 'argocd' });
  t.deepEqual(writeBackConfig(app({ [`${P}write-back-method`]: 'git' }), '.argocd-source-demo.yaml'), {
    method: 'git',
    credentials: { kind: 'repocreds' },
    repoURL: 'http://git/apps.git',
    baseBranch: 'main',
    writeBranch: 'main',
    target: { kind: 'source-override', file: 'apps/demo/overlays/dev/.argocd-source-demo.yaml' },
  });
  const config = writeBackConfig(
    app(
      {
        [`${P}write-back-method`]: 'git:secret:argocd/git-creds',
        [`${P}write-back-target`]: 'kustomization:../../base',
        [`${P}git-branch`]: 'main:image-updates',
      },
      { targetRevision: 'HEAD' },
    ),
    'f',
  );
  t.like(config, {
    credentials: { kind: 'secret', namespace: 'argocd', name: 'git-creds' },
    target: { kind: 'kustomization', dir: 'apps/demo/base' },
    baseBranch: 'main',
    writeBranch: 'image-updates',
  });
  t.like(
    writeBackConfig(
      app({ [`${P}write-back-method`]: 'git', [`${P}write-back-target`]: 'helmvalues:/charts/x/v.yaml' }),
      'f',
    ),
    {
      target: { kind: 'helmvalues', file: 'charts/x/v.yaml' },
    },
  );
  t.like(writeBackConfig(app({ [`${P}write-back-method`]: 'git' }, { targetRevision: 'HEAD' }), 'f'), {
    baseBranch: undefined,
  });
  t.throws(() => writeBackConfig(app({ [`${P}write-back-method`]: 'svn' }), 'f'), { message: /unknown method 'svn'/ });
  t.throws(() => writeBackConfig(app({ [`${P}write-back-method`]: 'git', [`${P}write-back-target`]: 'values' }), 'f'), {
    message: /use kustomization\[:<dir>\] or helmvalues\[:<file>\]/,
  });
});
