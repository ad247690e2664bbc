import test from 'ava';
import { RenderError, renderSource } from '../../../src/reconciler/render/index.ts';
import { find, names, tree } from './helpers.ts';

const repoURL = 'https://example.com/charts.git';

const CHART = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'charts/web/values.yaml':
    'replicas: 1\nimage:\n  repository: registry.local/web\n  tag: "1.0.0"\ngreeting: hello\nflag: "off"\n',
  'charts/web/values-prod.yaml': 'replicas: 3\n',
  'charts/web/templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels:
    release-namespace: {{ .Release.Namespace }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`,
  'charts/web/templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  greeting: {{ .Values.greeting | quote }}
  flag: {{ .Values.flag | quote }}
  kind-of-flag: {{ kindOf .Values.flag | quote }}
  list: {{ .Values.list | default "none" | quote }}
`,
  'charts/web/templates/migrate.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: busybox
`,
};

const spec = (manifests: Record<string, unknown>[], kind: string, name: string) =>
  find(manifests, kind, name)['spec'] as Record<string, unknown>;
const data = (manifests: Record<string, unknown>[], name: string) =>
  find(manifests, 'ConfigMap', name)['data'] as Record<string, string>;

test.serial('helm: detected by Chart.yaml; release name defaults to the app name; hooks kept', async (t) => {
  const repo = await tree(t, CHART);
  const { manifests, tool } = await renderSource({
    source: { repoURL, path: 'charts/web' },
    appName: 'shop',
    destinationNamespace: 'prod',
    repo,
  });
  t.is(tool, 'Helm');
  t.deepEqual(names(manifests).sort(), ['ConfigMap/shop-config', 'Deployment/shop-web', 'Job/shop-migrate']);
  const deployment = find(manifests, 'Deployment', 'shop-web');
  t.is((deployment['metadata'] as { labels: Record<string, string> }).labels['release-namespace'], 'prod');
  t.is((deployment['metadata'] as { namespace: string }).namespace, 'prod', 'destination namespace applied');
  const hook = find(manifests, 'Job', 'shop-migrate');
  t.is(
    (hook['metadata'] as { annotations: Record<string, string> }).annotations['helm.sh/hook'],
    'pre-install,pre-upgrade',
  );
});

test.serial('helm: valueFiles < values < valuesObject < parameters; forceString; releaseName; commas', async (t) => {
  const repo = await tree(t, CHART);
  const render = (helm: Record<string, unknown>) =>
    renderSource({ source: { repoURL, path: 'charts/web', helm }, appName: 'shop', repo }).then((r) => r.manifests);

  let manifests = await render({ valueFiles: ['values-prod.yaml'], releaseName: 'web' });
  t.is(spec(manifests, 'Deployment', 'web-web')['replicas'], 3);

  manifests = await render({ valueFiles: ['values-prod.yaml'], values: 'replicas: 4\ngreeting: from-values\n' });
  t.is(spec(manifests, 'Deployment', 'shop-web')['replicas'], 4);
  t.is(data(manifests, 'shop-config')['greeting'], 'from-values');

  manifests = await render({
    values: 'replicas: 4\n',
    valuesObject: { replicas: 5, image: { tag: '2.0.0' } },
  });
  t.is(spec(manifests, 'Deployment', 'shop-web')['replicas'], 5, 'valuesObject wins over values');

  manifests = await render({
    valuesObject: { replicas: 5 },
    parameters: [
      { name: 'replicas', value: '6' },
      { name: 'image.tag', value: '3.0.0' },
      { name: 'flag', value: 'true' },
      { name: 'greeting', value: 'a,b' },
      { name: 'list', value: '{x,y}' },
    ],
  });
  t.is(spec(manifests, 'Deployment', 'shop-web')['replicas'], 6);
  t.deepEqual(
    (spec(manifests, 'Deployment', 'shop-web')['template'] as { spec: { containers: { image: string }[] } }).spec
      .containers[0]!.image,
    'registry.local/web:3.0.0',
  );
  t.is(data(manifests, 'shop-config')['kind-of-flag'], 'bool', '--set parses true as a boolean');
  t.is(data(manifests, 'shop-config')['greeting'], 'a,b', 'commas are escaped as Argo CD does');
  t.is(data(manifests, 'shop-config')['list'], '[x y]');

  manifests = await render({ parameters: [{ name: 'flag', value: 'true', forceString: true }] });
  t.is(data(manifests, 'shop-config')['kind-of-flag'], 'string', 'forceString → --set-string');
});

test.serial('helm: $ref value files from another source, missing value files, template errors', async (t) => {
  const repo = await tree(t, CHART);
  const values = await tree(t, { 'envs/prod/values.yaml': 'replicas: 7\n' });
  const { manifests } = await renderSource({
    source: { repoURL, path: 'charts/web', helm: { valueFiles: ['$values/envs/prod/values.yaml'] } },
    appName: 'shop',
    repo,
    refSources: { $values: { repo: values, revision: 'abc' } },
  });
  t.is(spec(manifests, 'Deployment', 'shop-web')['replicas'], 7);

  const missing = await t.throwsAsync(
    renderSource({ source: { repoURL, path: 'charts/web', helm: { valueFiles: ['nope.yaml'] } }, appName: 'x', repo }),
    { instanceOf: RenderError },
  );
  t.is(missing.code, 'ValueFileNotFound');
  t.regex(missing.message, /nope\.yaml/);
  await t.notThrowsAsync(
    renderSource({
      source: { repoURL, path: 'charts/web', helm: { valueFiles: ['nope.yaml'], ignoreMissingValueFiles: true } },
      appName: 'x',
      repo,
    }),
  );
  await t.throwsAsync(
    renderSource({
      source: { repoURL, path: 'charts/web', helm: { valueFiles: ['../../../etc/passwd'] } },
      appName: 'x',
      repo,
    }),
    { code: 'ValueFileNotFound', message: /outside repository root/ },
  );

  const broken = await tree(t, {
    'Chart.yaml': 'apiVersion: v2\nname: b\nversion: 0.1.0\n',
    'templates/x.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.deep }}\n',
  });
  const failed = await t.throwsAsync(renderSource({ source: { repoURL }, appName: 'x', repo: broken }), {
    instanceOf: RenderError,
  });
  t.is(failed.code, 'ToolFailed');
  t.regex(failed.message, /helm template/);

  const noHelm = await t.throwsAsync(
    renderSource({
      source: { repoURL, path: 'charts/web' },
      appName: 'x',
      repo,
      tools: { helmPath: '/nonexistent/helm' },
    }),
    { instanceOf: RenderError },
  );
  t.is(noHelm.code, 'ToolNotFound');
});
