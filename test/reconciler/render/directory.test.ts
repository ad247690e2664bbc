import test from 'ava';
import { RenderError, renderSource } from '../../../src/reconciler/render/index.ts';
import { configMap, find, names, tree } from './helpers.ts';

const repoURL = 'https://example.com/apps.git';

test('directory: multi-document YAML, JSON, List flattening, lexical order, non-manifest files skipped', async (t) => {
  const repo = await tree(t, {
    'app/b.yaml': `${configMap('b1')}---\n# only a comment\n---\n${configMap('b2')}`,
    'app/a.json': JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }),
    'app/list.yml':
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s1}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: s2}\n',
    'app/null-list.yaml': 'apiVersion: v1\nkind: ConfigMapList\nitems: null\n',
    'app/values.yaml': 'replicas: 3\nimage: nginx\n',
    'app/ci.yaml': 'steps: [\n  broken',
    'app/README.md': '# not yaml',
    'app/nested/deep.yaml': configMap('deep'),
  });
  const { manifests, tool } = await renderSource({
    source: { repoURL, path: 'app' },
    appName: 'guestbook',
    destinationNamespace: 'web',
    repo,
  });
  t.is(tool, 'Directory');
  t.deepEqual(names(manifests), ['Service/a', 'ConfigMap/b1', 'ConfigMap/b2', 'Secret/s1', 'Secret/s2']);
  t.is((find(manifests, 'Service', 'a')['metadata'] as { namespace?: string }).namespace, 'web');
});

test('directory: recurse, include and exclude globs as Argo CD (gobwas/glob, * crosses /, {a,b})', async (t) => {
  const repo = await tree(t, {
    'app/top.yaml': configMap('top'),
    'app/config.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json' } }),
    'app/dev/one.yaml': configMap('dev-one'),
    'app/prod/one.yaml': configMap('prod-one'),
    'app/prod/skip/two.yaml': configMap('prod-two'),
  });
  const render = (directory: Record<string, unknown>) =>
    renderSource({ source: { repoURL, path: 'app', directory }, appName: 'x', repo }).then((r) => names(r.manifests));

  t.deepEqual(await render({}), ['ConfigMap/json', 'ConfigMap/top']);
  t.deepEqual(await render({ recurse: true }), [
    'ConfigMap/json',
    'ConfigMap/dev-one',
    'ConfigMap/prod-one',
    'ConfigMap/prod-two',
    'ConfigMap/top',
  ]);
  t.deepEqual(await render({ recurse: true, include: 'prod/*' }), ['ConfigMap/prod-one', 'ConfigMap/prod-two']);
  t.deepEqual(await render({ recurse: true, include: '{config.json,dev/*}' }), ['ConfigMap/json', 'ConfigMap/dev-one']);
  t.deepEqual(await render({ recurse: true, exclude: '{*/skip/*,*.json}' }), [
    'ConfigMap/dev-one',
    'ConfigMap/prod-one',
    'ConfigMap/top',
  ]);
  t.deepEqual(await render({ recurse: true, include: '*.yaml', exclude: 'dev/*' }), [
    'ConfigMap/prod-one',
    'ConfigMap/prod-two',
    'ConfigMap/top',
  ]);
});

test('directory: a malformed manifest is a RenderError naming the file and line', async (t) => {
  const broken = await tree(t, {
    'app/ok.yaml': configMap('ok'),
    'app/web/deploy.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: [1\n  selector: {}\n',
  });
  const error = await t.throwsAsync(
    renderSource({ source: { repoURL, path: 'app', directory: { recurse: true } }, appName: 'x', repo: broken }),
    { instanceOf: RenderError },
  );
  t.is(error.code, 'MalformedManifest');
  t.regex(error.message, /app\/web\/deploy\.yaml at line \d+/);

  // A later document without a kind after a valid one.
  const missingKind = await tree(t, {
    'app/two.yaml': `${configMap('one')}---\napiVersion: v1\nmetadata:\n  name: two\n`,
  });
  const kindError = await t.throwsAsync(
    renderSource({ source: { repoURL, path: 'app' }, appName: 'x', repo: missingKind }),
    { instanceOf: RenderError },
  );
  t.regex(kindError.message, /app\/two\.yaml at line 8: Object 'Kind' is missing/);

  // JSON must be one object: a package.json in the path fails, as in Argo CD.
  const json = await tree(t, { 'app/package.json': '{"name": "x",\n "version": }' });
  const jsonError = await t.throwsAsync(renderSource({ source: { repoURL, path: 'app' }, appName: 'x', repo: json }), {
    instanceOf: RenderError,
  });
  t.regex(jsonError.message, /app\/package\.json at line 2/);
  t.is(jsonError.code, 'MalformedManifest');
});

test('directory: YAML 1.1 scalars as Kubernetes reads them; duplicate keys fail', async (t) => {
  const repo = await tree(t, {
    'cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: yes\n    when: 2024-01-02\n    port: 22:22\n',
  });
  const { manifests } = await renderSource({ source: { repoURL }, appName: 'x', repo });
  t.deepEqual((manifests[0]!['metadata'] as { annotations: unknown }).annotations, {
    a: true,
    when: '2024-01-02',
    port: '22:22',
  });
  const dup = await tree(t, { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' });
  await t.throwsAsync(renderSource({ source: { repoURL }, appName: 'x', repo: dup }), { code: 'MalformedManifest' });
});

test('a missing or escaping source path is PathNotFound', async (t) => {
  const repo = await tree(t, { 'app/cm.yaml': configMap('c') });
  await t.throwsAsync(renderSource({ source: { repoURL, path: 'nope' }, appName: 'x', repo }), {
    code: 'PathNotFound',
  });
  await t.throwsAsync(renderSource({ source: { repoURL, path: '../..' }, appName: 'x', repo }), {
    code: 'PathNotFound',
  });
});
