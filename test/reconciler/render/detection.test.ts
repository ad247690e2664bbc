import test from 'ava';
import { RenderError, renderSource } from '../../../src/reconciler/render/index.ts';
import { configMap, find, tree } from './helpers.ts';

const repoURL = 'https://example.com/apps.git';
const chart = {
  'Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
  'values.yaml': 'name: from-chart\n',
  'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
};

test.serial(
  'tool detection: explicit block wins, Chart.yaml → Helm, kustomization → Kustomize, else Directory',
  async (t) => {
    const detect = async (files: Record<string, string>, source: Record<string, unknown> = {}) =>
      (await renderSource({ source: { repoURL, ...source }, appName: 'x', repo: await tree(t, files) })).tool;
    t.is(await detect({ 'cm.yaml': configMap('a') }), 'Directory');
    t.is(await detect(chart), 'Helm');
    t.is(await detect({ 'kustomization.yml': 'resources: []\n' }), 'Kustomize');
    t.is(await detect({ Kustomization: 'resources: []\n' }), 'Kustomize');
    t.is(await detect({ ...chart, 'kustomization.yaml': 'resources: []\n' }), 'Kustomize', 'last in lexical order');
    t.is(await detect({ 'cm.yaml': configMap('a'), 'sub/Chart.yaml': chart['Chart.yaml'] }), 'Directory');
    t.is(
      await detect({ 'kustomization.yaml': 'resources: []\n', 'cm.yaml': configMap('a') }, { directory: {} }),
      'Directory',
    );
    const both = await t.throwsAsync(
      renderSource({ source: { repoURL, helm: {}, kustomize: {} }, appName: 'x', repo: await tree(t, chart) }),
      { instanceOf: RenderError },
    );
    t.is(both.code, 'InvalidSource');
    t.regex(both.message, /multiple application sources defined: Kustomize,Helm/);
  },
);

test.serial('.argocd-source.yaml then .argocd-source-<app>.yaml are merged into the source', async (t) => {
  const repo = await tree(t, {
    'app/Chart.yaml': chart['Chart.yaml'],
    'app/values.yaml': chart['values.yaml'],
    'app/templates/cm.yaml': chart['templates/cm.yaml'],
    'app/.argocd-source.yaml': 'helm:\n  parameters:\n  - name: name\n    value: from-shared-file\npath: elsewhere\n',
    'app/.argocd-source-shop.yaml': 'helm:\n  parameters:\n  - name: name\n    value: from-app-file\n',
    'app/.argocd-source-team_shop.yaml': 'helm:\n  parameters:\n  - name: name\n    value: from-namespaced-app-file\n',
  });
  const render = async (options: Record<string, string>) =>
    (await renderSource({ source: { repoURL, path: 'app' }, repo, appName: 'shop', ...options })).manifests;
  t.truthy(find(await render({}), 'ConfigMap', 'from-app-file'));
  t.truthy(find(await render({ appName: 'other' }), 'ConfigMap', 'from-shared-file'));
  t.truthy(
    find(
      await render({ appNamespace: 'team', controlPlaneNamespace: 'argocd' }),
      'ConfigMap',
      'from-namespaced-app-file',
    ),
    'apps outside the control-plane namespace use <ns>_<name>',
  );

  // Overrides for a kustomize app: images merged into spec.source.kustomize.
  const kustomize = await tree(t, {
    'kustomization.yaml': 'resources:\n- deploy.yaml\n',
    'deploy.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.0\n',
    '.argocd-source-web.yaml': 'kustomize:\n  images:\n  - nginx:1.27\n',
  });
  const { manifests } = await renderSource({ source: { repoURL }, appName: 'web', repo: kustomize });
  const deployment = find(manifests, 'Deployment', 'web') as {
    spec: { template: { spec: { containers: { image: string }[] } } };
  };
  t.is(deployment.spec.template.spec.containers[0]!.image, 'nginx:1.27');

  const bad = await tree(t, { '.argocd-source.yaml': 'helm: [\n', 'cm.yaml': configMap('a') });
  await t.throwsAsync(renderSource({ source: { repoURL }, appName: 'x', repo: bad }), {
    code: 'InvalidSource',
    message: /\.argocd-source\.yaml/,
  });
});

test('a .argocd-source file written by the image updater (`forcestring`, Go-style key) keeps a number-like value a string', async (t) => {
  const repo = await tree(t, {
    'Chart.yaml': chart['Chart.yaml'],
    'values.yaml': 'name: x\ntag: "0"\n',
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  kind: {{ kindOf .Values.tag | quote }}\n',
    '.argocd-source-web.yaml': 'helm:\n  parameters:\n  - name: tag\n    value: "1.0"\n    forcestring: true\n',
  });
  const { manifests } = await renderSource({ source: { repoURL }, appName: 'web', repo });
  const cm = find(manifests, 'ConfigMap', 'cm') as { data: { kind: string } };
  t.is(cm.data.kind, 'string');
});

test('destination namespace: only namespaced kinds without one; unknown kinds left as they are', async (t) => {
  const repo = await tree(t, {
    'all.yaml': [
      configMap('cm'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pinned\n  namespace: other\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cr\n',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
      'apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n',
    ].join('---\n'),
  });
  const { manifests } = await renderSource({
    source: { repoURL },
    appName: 'x',
    destinationNamespace: 'dest',
    repo,
    isNamespaced: (_apiVersion, kind) => (kind === 'Widget' ? true : undefined),
  });
  const ns = (kind: string, name: string) =>
    (find(manifests, kind, name)['metadata'] as { namespace?: string }).namespace;
  t.is(ns('ConfigMap', 'cm'), 'dest');
  t.is(ns('ConfigMap', 'pinned'), 'other');
  t.is(ns('Namespace', 'ns'), undefined);
  t.is(ns('ClusterRole', 'cr'), undefined);
  t.is(ns('Widget', 'w'), 'dest');
  t.is(ns('Gadget', 'g'), undefined);
});
