import test from 'ava';
import { automated, startUpdaterWorld } from './helpers.ts';

test.serial(
  'Helm app: semver 1.x with helm.image-name/image-tag, helmvalues write-back edits values.yaml in place; the reconciler syncs it',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/shop/api`;
    for (const tag of ['1.0.0', '1.0.1', '1.2.0', '2.0.0', 'nightly']) await world.pushTag('shop/api', tag);
    const values = [
      '# API settings',
      'api:',
      '  image:',
      `    repository: ${image} # where it comes from`,
      '    tag: "1.0.0" # bumped by the image updater',
      'replicas: 1',
      '',
    ].join('\n');
    await world.push({
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      'charts/api/values.yaml': values,
      'charts/api/templates/deploy.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  replicas: {{ .Values.replicas }}',
        '  selector: {matchLabels: {app: api}}',
        '  template:',
        '    metadata: {labels: {app: api}}',
        '    spec:',
        '      containers:',
        '        - name: main',
        '          image: "{{ .Values.api.image.repository }}:{{ .Values.api.image.tag }}"',
        '',
      ].join('\n'),
    });
    await world.createApp(
      'api',
      { source: { repoURL: world.repoURL, path: 'charts/api', targetRevision: 'main' }, syncPolicy: automated },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `api=${image}:1.x`,
            'argocd-image-updater.argoproj.io/api.helm.image-name': 'api.image.repository',
            'argocd-image-updater.argoproj.io/api.helm.image-tag': 'api.image.tag',
            'argocd-image-updater.argoproj.io/write-back-method': 'git',
            'argocd-image-updater.argoproj.io/write-back-target': 'helmvalues',
          },
        },
      },
    );
    const app = await world.waitApp('api', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:1.0.0`)));
    t.is((app.status as { sourceType?: string }).sourceType, 'Helm');

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.deepEqual(result.updates[0]?.images, [{ alias: 'api', image, oldTag: '1.0.0', newTag: '1.2.0' }]);
    t.is(await world.remoteFile('charts/api/values.yaml'), values.replace('"1.0.0"', '"1.2.0"'));
    const [head] = await world.remoteLog();
    t.is(head!.message, `build: automatic update of api\n\nupdates image ${image} tag '1.0.0' to '1.2.0'`);

    world.controller.refresh('api');
    await world.waitDeploymentImage('api', `${image}:1.2.0`);
  },
);
