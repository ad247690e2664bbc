import test from 'ava';
import { automated, startUpdaterWorld } from './helpers.ts';

test.serial(
  'Helm app with argocd write-back and helm.image-spec: spec.source.helm.parameters gets the full image (forceString), the reconciler deploys it',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/shop/worker`;
    for (const tag of ['1.0', '1.1', '1.10', '1.9']) await world.pushTag('shop/worker', tag);
    await world.push({
      'charts/worker/Chart.yaml': 'apiVersion: v2\nname: worker\nversion: 0.1.0\n',
      'charts/worker/values.yaml': `worker:\n  image: ${image}:1.0\n`,
      'charts/worker/templates/deploy.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: worker}',
        'spec:',
        '  selector: {matchLabels: {app: worker}}',
        '  template:',
        '    metadata: {labels: {app: worker}}',
        '    spec:',
        '      containers: [{name: main, image: "{{ .Values.worker.image }}"}]',
        '',
      ].join('\n'),
    });
    await world.createApp(
      'worker',
      {
        source: {
          repoURL: world.repoURL,
          path: 'charts/worker',
          targetRevision: 'main',
          helm: { parameters: [{ name: 'replicaCount', value: '1' }] },
        },
        syncPolicy: automated,
      },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `worker=${image}:~1`,
            'argocd-image-updater.argoproj.io/worker.helm.image-spec': 'worker.image',
          },
        },
      },
    );
    await world.waitApp('worker', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:1.0`)));

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    // 1.10 is the highest version (not 1.9, which sorts last as text).
    t.deepEqual(result.updates[0]?.images, [{ alias: 'worker', image, oldTag: '1.0', newTag: '1.10' }]);
    t.deepEqual((await world.getApp('worker')).spec.source?.helm?.parameters, [
      { name: 'replicaCount', value: '1' },
      { name: 'worker.image', value: `${image}:1.10`, forceString: true },
    ]);
    await world.waitDeploymentImage('worker', `${image}:1.10`);
  },
);
