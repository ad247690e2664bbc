import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { automated, deployment, startUpdaterWorld } from '../image-updater/helpers.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

test.serial(
  'gitops-sandbox image-updater --once --registries-conf: one cycle against a cluster, prints what it did',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/cli/app`;
    for (const tag of ['v1.0.0', 'v1.0.7', 'v1.1.0']) await world.pushTag('cli/app', tag);
    await world.push({
      'cli/kustomization.yaml': 'resources: [app.yaml]\n',
      'cli/app.yaml': deployment('app', `${image}:v1.0.0`),
    });
    await world.createApp(
      'cli',
      { source: { repoURL: world.repoURL, path: 'cli', targetRevision: 'main' }, syncPolicy: automated },
      { metadata: { annotations: { 'argocd-image-updater.argoproj.io/image-list': `app=${image}:~1.0` } } },
    );
    await world.waitApp('cli', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:v1.0.0`)));
    const conf = join(world.dir, 'registries.conf');
    await writeFile(
      conf,
      `registries:\n- name: sandbox\n  prefix: ${world.host}\n  api_url: http://${world.host}\n  limit: 100\n`,
    );

    const run = await execa(
      'node',
      [
        bin,
        'image-updater',
        '--kubeconfig',
        world.kubeconfigPath,
        '--once',
        '--registries-conf',
        conf,
        '--work-dir',
        join(world.dir, 'cli-work'),
      ],
      { reject: false },
    );
    t.is(run.exitCode, 0, run.stderr);
    t.is(
      run.stdout,
      `1 application(s), 1 image(s) considered, 1 updated, 0 skipped, 0 error(s)\n  cli: ${image} v1.0.0 -> v1.0.7 (Application spec)`,
    );
    t.true(
      run.stderr.split('\n').some((line) => line.includes('"msg":"candidate chosen"')),
      'JSON decision log on stderr',
    );
    t.deepEqual((await world.getApp('cli')).spec.source?.kustomize?.images, [`${image}:v1.0.7`]);

    const bad = await execa(
      'node',
      [bin, 'image-updater', '--kubeconfig', world.kubeconfigPath, '--interval', 'soon'],
      { reject: false },
    );
    t.not(bad.exitCode, 0);
    t.regex(bad.stderr, /--interval "soon" is not a duration/);
  },
);
