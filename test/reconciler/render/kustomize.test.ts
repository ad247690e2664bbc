import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parseImageArgument, RenderError, renderSource, setImages } from '../../../src/reconciler/render/index.ts';
import { find, names, tree } from './helpers.ts';

const repoURL = 'https://example.com/apps.git';

const FILES = {
  'guestbook/base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n',
  'guestbook/base/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: registry.local/web:1.0.0
      - name: sidecar
        image: busybox:1.36
`,
  'guestbook/base/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
  'guestbook/overlays/dev/kustomization.yaml':
    'resources:\n- ../../base\nnamePrefix: dev-\nimages:\n- name: registry.local/web\n  newTag: 1.1.0-dev\n',
  'guestbook/overlays/prod/kustomization.yaml': `resources:
- ../../base
namePrefix: prod-
replicas:
- name: web
  count: 3
images:
- name: registry.local/web
  newTag: 1.0.0
`,
};

const containers = (manifests: Record<string, unknown>[], name: string) =>
  (
    find(manifests, 'Deployment', name)['spec'] as { template: { spec: { containers: { image: string }[] } } }
  ).template.spec.containers.map((c) => c.image);

test('kustomize: base with dev/prod overlays through kubectl kustomize; images override as kustomize edit', async (t) => {
  const repo = await tree(t, FILES);
  const dev = await renderSource({
    source: { repoURL, path: 'guestbook/overlays/dev' },
    appName: 'guestbook-dev',
    destinationNamespace: 'dev',
    repo,
  });
  t.is(dev.tool, 'Kustomize');
  t.deepEqual(names(dev.manifests).sort(), ['Deployment/dev-web', 'Service/dev-web']);
  t.deepEqual(containers(dev.manifests, 'dev-web'), ['registry.local/web:1.1.0-dev', 'busybox:1.36']);
  t.is((find(dev.manifests, 'Service', 'dev-web')['metadata'] as { namespace: string }).namespace, 'dev');

  const prod = await renderSource({
    source: {
      repoURL,
      path: 'guestbook/overlays/prod',
      kustomize: {
        images: ['registry.local/web:1.2.0', 'busybox=docker.io/library/busybox@sha256:abc123'],
        commonLabels: { team: 'shop' },
        nameSuffix: '-v2',
      },
    },
    appName: 'guestbook-prod',
    repo,
  });
  t.deepEqual(containers(prod.manifests, 'prod-web-v2'), [
    'registry.local/web:1.2.0',
    'docker.io/library/busybox@sha256:abc123',
  ]);
  const deployment = find(prod.manifests, 'Deployment', 'prod-web-v2');
  t.is((deployment['spec'] as { replicas: number }).replicas, 3);
  t.is((deployment['metadata'] as { labels: Record<string, string> }).labels['team'], 'shop');
  t.is(
    await readFile(join(repo, 'guestbook/overlays/prod/kustomization.yaml'), 'utf8'),
    FILES['guestbook/overlays/prod/kustomization.yaml'],
    'the shared tree is never edited',
  );

  const clash = await t.throwsAsync(
    renderSource({
      source: { repoURL, path: 'guestbook/base', kustomize: { commonLabels: { a: 'b' } } },
      appName: 'x',
      repo: await tree(t, { 'guestbook/base/kustomization.yaml': 'commonLabels:\n  a: c\n' }),
    }),
    { instanceOf: RenderError },
  );
  t.regex(clash.message, /label a already in kustomization file/);
});

test('kustomize: a failing build is ToolFailed with kustomize’s message; a missing kubectl is ToolNotFound', async (t) => {
  const repo = await tree(t, { 'k/kustomization.yaml': 'resources:\n- missing.yaml\n' });
  const failed = await t.throwsAsync(renderSource({ source: { repoURL, path: 'k' }, appName: 'x', repo }), {
    instanceOf: RenderError,
  });
  t.is(failed.code, 'ToolFailed');
  t.regex(failed.message, /missing\.yaml/);
  const missing = await t.throwsAsync(
    renderSource({
      source: { repoURL, path: 'k' },
      appName: 'x',
      repo,
      tools: { kubectlPath: '/nonexistent/kubectl' },
    }),
    { instanceOf: RenderError },
  );
  t.is(missing.code, 'ToolNotFound');
});

test('kustomize edit set image argument forms', (t) => {
  t.deepEqual(parseImageArgument('nginx:1.27'), { name: 'nginx', newTag: '1.27' });
  t.deepEqual(parseImageArgument('nginx@sha256:ab'), { name: 'nginx', digest: 'sha256:ab' });
  t.deepEqual(parseImageArgument('web=ghcr.io/o/web:2'), { name: 'web', newName: 'ghcr.io/o/web', newTag: '2' });
  t.deepEqual(parseImageArgument('web=ghcr.io/o/web'), { name: 'web', newName: 'ghcr.io/o/web' });
  t.deepEqual(parseImageArgument('localhost:5000/web:3'), { name: 'localhost:5000/web', newTag: '3' });
  t.throws(() => parseImageArgument('nginx'), { code: 'InvalidSource' });
  t.deepEqual(
    setImages(
      [
        { name: 'b', newName: 'x/b', newTag: '1' },
        { name: 'a', newTag: '0' },
      ],
      ['b=*:2', 'c:3'],
    ),
    [
      { name: 'a', newTag: '0' },
      { name: 'b', newName: 'x/b', newTag: '2' },
      { name: 'c', newTag: '3' },
    ],
  );
});
