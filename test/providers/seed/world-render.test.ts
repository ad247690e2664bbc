import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { loadWorld, rewriteAddresses } from '../../../src/providers/seed/index.ts';
import { byName, renderApp, workloads } from './render-world.ts';

const world = await loadWorld();
const app = (name: string) => {
  const found = world.apps.find((a) => a.name === name);
  if (!found) throw new Error(`no app ${name}`);
  return found;
};

test('the world: a root app of apps in argocd that creates five apps from the apps repo', (t) => {
  t.deepEqual(
    world.repos.map((r) => [r.name, r.branches]),
    [
      ['apps', ['main']],
      ['letsgo', ['main']],
      ['frontend-helm', ['main', 'develop']],
      ['waves', ['main']],
    ],
  );
  t.like(world.root.app, { name: 'root', namespace: 'argocd', repo: 'apps', path: 'apps', automated: true });
  t.deepEqual(
    world.apps.map((a) => [a.name, a.repo, a.targetRevision, a.destinationNamespace, a.automated]),
    [
      ['frontend-dev', 'frontend-helm', 'develop', 'dev', true],
      ['frontend-prod', 'frontend-helm', 'main', 'prod', false],
      ['letsgo-dev', 'letsgo', 'main', 'letsgo-dev', true],
      ['letsgo-prod', 'letsgo', 'main', 'letsgo-prod', false],
      ['waves', 'waves', 'main', 'waves', true],
    ],
  );
});

test('letsgo overlays: development 1 replica with 64Mi, production 3 replicas with 256Mi, both on the pinned v1.0.0 images', async (t) => {
  for (const [name, replicas, memory] of [
    ['letsgo-dev', 1, '64Mi'],
    ['letsgo-prod', 3, '256Mi'],
  ] as const) {
    const manifests = await renderApp(world, app(name));
    t.deepEqual(manifests.map((m) => `${m['kind']}/${(m['metadata'] as { name: string }).name}`).sort(), [
      'ConfigMap/letsgo-config',
      'Deployment/backend',
      'Deployment/frontend',
      'Service/backend',
      'Service/frontend',
    ]);
    for (const tier of ['backend', 'frontend']) {
      const w = byName(workloads(manifests), 'Deployment', tier);
      t.is(w.replicas, replicas, `${name} ${tier}`);
      t.is(w.namespace, name);
      const [container] = w.containers;
      t.is(container!.image, `localhost:5001/letsgo/${tier}:v1.0.0`);
      t.deepEqual(container!.resources?.requests, { cpu: '50m', memory });
      t.deepEqual(container!.resources?.limits, { memory });
    }
  }
});

test('letsgo image updater annotations: newest-build on dev, semver ~1.0 on prod, git write-back to the overlay', async (t) => {
  const annotations = async (file: string) =>
    (
      parse(await readFile(join(world.dir, 'repos/apps/apps', file), 'utf8')) as {
        metadata: { annotations: Record<string, string> };
      }
    ).metadata.annotations;
  const prefix = 'argocd-image-updater.argoproj.io/';
  const dev = await annotations('letsgo-dev.yaml');
  const prod = await annotations('letsgo-prod.yaml');
  t.is(dev[`${prefix}image-list`], 'backend=localhost:5001/letsgo/backend, frontend=localhost:5001/letsgo/frontend');
  t.is(
    prod[`${prefix}image-list`],
    'backend=localhost:5001/letsgo/backend:~1.0, frontend=localhost:5001/letsgo/frontend:~1.0',
  );
  for (const [annotationsOf, strategy] of [
    [dev, 'newest-build'],
    [prod, 'semver'],
  ] as const) {
    t.is(annotationsOf[`${prefix}backend.update-strategy`], strategy);
    t.is(annotationsOf[`${prefix}frontend.update-strategy`], strategy);
    t.is(annotationsOf[`${prefix}write-back-method`], 'git:secret:argocd/git-creds');
    t.is(annotationsOf[`${prefix}write-back-target`], 'kustomization');
    t.is(annotationsOf[`${prefix}git-branch`], 'main');
  }
});

test("frontend-helm: the chart renders the frontend from values.yaml image.repository and image.tag, into each branch's namespace", async (t) => {
  const values = parse(await readFile(join(world.dir, 'repos/frontend-helm/chart/values.yaml'), 'utf8')) as {
    image: { repository: string; tag: string };
  };
  t.deepEqual(values.image, {
    repository: 'localhost:5001/frontend-helm/frontend',
    tag: 'v1.0.0',
    pullPolicy: 'IfNotPresent',
  });
  for (const name of ['frontend-dev', 'frontend-prod']) {
    const manifests = await renderApp(world, app(name));
    t.deepEqual(manifests.map((m) => m['kind']).sort(), ['Deployment', 'Service']);
    const w = byName(workloads(manifests), 'Deployment', 'frontend');
    t.is(w.namespace, app(name).destinationNamespace);
    t.is(w.replicas, 2);
    t.is(w.containers[0]!.image, 'localhost:5001/frontend-helm/frontend:v1.0.0');
    const labels = (manifests[0]!['metadata'] as { labels: Record<string, string> }).labels;
    t.is(labels['app.kubernetes.io/instance'], name, 'release name = app name, as Argo CD renders Helm apps');
    t.is(labels['app.kubernetes.io/managed-by'], 'Helm');
  }
});

test('waves: database, backend, frontend in sync waves 0, 1, 2 and a PreSync migration Job deleted when it succeeded', async (t) => {
  const manifests = await renderApp(world, app('waves'));
  const list = workloads(manifests);
  const wave = (kind: string, name: string) =>
    (
      manifests.find((m) => m['kind'] === kind && (m['metadata'] as { name: string }).name === name)!['metadata'] as {
        annotations: Record<string, string>;
      }
    ).annotations['argocd.argoproj.io/sync-wave'];
  for (const [name, w] of [
    ['database', '0'],
    ['backend', '1'],
    ['frontend', '2'],
  ] as const) {
    t.is(wave('Deployment', name), w, name);
    t.is(wave('Service', name), w, `${name} Service: in its Deployment's wave, so clients find it when it is Ready`);
    t.is(byName(list, 'Deployment', name).containers[0]!.image, `localhost:5001/waves/${name}:v1.0.0`);
  }
  const job = byName(list, 'Job', 'migrate');
  t.is(job.annotations['argocd.argoproj.io/hook'], 'PreSync');
  t.is(job.annotations['argocd.argoproj.io/hook-delete-policy'], 'HookSucceeded');
  t.is(job.podAnnotations['gitops-sandbox.io/run-seconds'], '2');
  t.is(job.containers[0]!.image, 'localhost:5001/waves/backend:v1.0.0');
});

test('every image the apps render is in images.yaml, and every long-running container has an HTTP readiness probe and memory', async (t) => {
  const published = new Set(world.images.flatMap((i) => i.tags.map((tag) => `localhost:5001/${i.repository}:${tag}`)));
  const used = new Set<string>();
  for (const a of world.apps) {
    for (const w of workloads(await renderApp(world, a))) {
      for (const c of w.containers) {
        used.add(c.image);
        t.true(published.has(c.image), `${a.name} ${w.kind}/${w.name} uses ${c.image}, which is not in images.yaml`);
        t.truthy(c.resources?.requests?.['memory'], `${a.name} ${w.name}: memory request`);
        if (w.kind !== 'Deployment') continue;
        const port = c.readinessProbe?.httpGet?.port;
        t.truthy(port, `${a.name} ${w.name}: readiness probe`);
        t.true(
          c.ports?.some((p) => p.name === port || p.containerPort === port),
          `${a.name} ${w.name}: probe port`,
        );
      }
    }
  }
  t.deepEqual([...used].sort(), [...published].sort(), 'no image in images.yaml is unused');
});

test("rewriteAddresses: canonical registry and git prefixes become the running sandbox's, nothing else", (t) => {
  const to = { registryHost: '127.0.0.1:41234', gitUrl: 'http://127.0.0.1:3000/', gitOwner: 'admin' };
  t.is(
    rewriteAddresses(
      'image: localhost:5001/letsgo/backend:v1.0.0\nrepoURL: http://gitea.sandbox.local/gitops/letsgo.git\n',
      to,
    ),
    'image: localhost:5001/letsgo/backend:v1.0.0\nrepoURL: http://gitea.sandbox.local/gitops/letsgo.git\n'
      .replace('localhost:5001', '127.0.0.1:41234')
      .replace('http://gitea.sandbox.local/gitops', 'http://127.0.0.1:3000/admin'),
  );
  t.is(
    rewriteAddresses('localhost:50011/x http://gitea.sandbox.local/other/x.git', to),
    'localhost:50011/x http://gitea.sandbox.local/other/x.git',
  );
});

test('loadWorld: a world whose root names an unknown repo is rejected with WorldInvalid', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'world-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await cp(world.dir, dir, { recursive: true });
  await writeFile(
    join(dir, 'repos.yaml'),
    'repos:\n  - {name: apps, branches: [main]}\nroot: {repo: gitops, path: root.yaml}\n',
  );
  const error = await t.throwsAsync(loadWorld(dir));
  t.is((error as { code?: string }).code, 'WorldInvalid');
  t.regex(error!.message, /root\.repo gitops is not one of the listed repos/);
});
