import test from 'ava';
import { builtinResourceTypes } from '../../../../src/kube/apiserver/resources/builtin.ts';
import { SchemaRegistry } from '../../../../src/kube/apiserver/schema/index.ts';
import { cronTabSchema, cronTabType } from './helpers.ts';

type Json = Record<string, unknown>;
type Operation = Json & { parameters?: { name: string }[]; requestBody?: { content: Json } };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};

const types = builtinResourceTypes();

/** Every `$ref` in a document, with the pointer it must resolve under. */
function refs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.push(child);
      else refs(child, into);
    }
  }
  return into;
}

function resolvesAll(t: { deepEqual: (a: unknown, b: unknown) => void }, document: Document): void {
  const unresolved = refs(document).filter((ref) => {
    const name = ref.replace('#/components/schemas/', '');
    return !ref.startsWith('#/components/schemas/') || !(name in document.components.schemas);
  });
  t.deepEqual(unresolved, []);
}

/**
 * What kubectl does with a v3 document before building a strategic merge patch (patcher.go
 * gvkSupportsPatchOpenAPIV3 + strategicpatch.PatchMetaFromOpenAPIV3): find the PATCH for the GVK, check it accepts
 * strategic merge, then walk properties, looking through `allOf[0]` and `$ref`.
 */
function kubectlPatchMeta(document: Document, gvk: Json, path: string[]): { strategy?: string; key?: string } {
  const patch = Object.values(document.paths)
    .map((item) => item['patch'])
    .find((op) => JSON.stringify(op?.['x-kubernetes-group-version-kind']) === JSON.stringify(gvk));
  if (!patch?.requestBody?.content['application/strategic-merge-patch+json']) return {};
  const resolve = (schema: Json): Json => {
    const inner = (schema['allOf'] as Json[] | undefined)?.[0] ?? schema;
    const ref = inner['$ref'] as string | undefined;
    return ref ? document.components.schemas[ref.replace('#/components/schemas/', '')]! : inner;
  };
  let schema = Object.values(document.components.schemas).find((s) =>
    (s['x-kubernetes-group-version-kind'] as Json[] | undefined)?.some(
      (g) => JSON.stringify(g) === JSON.stringify(gvk),
    ),
  )!;
  let meta: Json = {};
  for (const step of path) {
    if (step === '[]') {
      schema = resolve(schema['items'] as Json);
      continue;
    }
    meta = (schema['properties'] as Record<string, Json>)[step]!;
    schema = resolve(meta);
  }
  return {
    strategy: meta['x-kubernetes-patch-strategy'] as string,
    key: meta['x-kubernetes-patch-merge-key'] as string,
  };
}

test('the v3 root lists every group-version with a hashed URL', (t) => {
  const root = SchemaRegistry.builtin().openApiV3Root(types) as {
    paths: Record<string, { serverRelativeURL: string }>;
  };
  t.regex(root.paths['api/v1']!.serverRelativeURL, /^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
  t.regex(root.paths['apis/apps/v1']!.serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=/);
  t.truthy(root.paths['apis/networking.k8s.io/v1']);
});

test('a group-version document has the operations and parameters kubectl reads', (t) => {
  const document = SchemaRegistry.builtin().openApiV3Document('apps/v1', types) as Document;
  t.is(document.openapi, '3.0.0');
  const item = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!;
  t.deepEqual(
    Object.keys(item)
      .filter((key) => key !== 'parameters')
      .sort(),
    ['delete', 'get', 'patch', 'put'],
  );
  const patch = item['patch']!;
  t.is(patch['x-kubernetes-action'], 'patch');
  t.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
  t.deepEqual(
    patch.parameters?.map((p) => p.name),
    ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  );
  t.deepEqual(Object.keys(patch.requestBody!.content).sort(), [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json',
  ]);
  const collection = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments']!;
  t.is(collection['get']!['x-kubernetes-action'], 'list');
  t.is(collection['post']!['x-kubernetes-action'], 'post');
  t.is(collection['delete']!['x-kubernetes-action'], 'deletecollection');
  t.truthy(document.paths['/apis/apps/v1/deployments']!['get']);
  t.truthy(document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status']!['patch']);
  const scale = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']!['patch']!;
  t.deepEqual(scale['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  t.truthy(document.components.schemas['io.k8s.api.core.v1.PodSpec']);
  t.is(SchemaRegistry.builtin().openApiV3Document('nope/v1', types), undefined);
});

test('every $ref of every group-version document resolves in its components', (t) => {
  const registry = SchemaRegistry.builtin();
  registry.registerCustomResource(cronTabType, cronTabSchema);
  const all = [...types, cronTabType];
  const root = registry.openApiV3Root(all) as { paths: Record<string, unknown> };
  for (const path of Object.keys(root.paths)) {
    const gv = path.replace(/^apis?\//, '');
    resolvesAll(t, registry.openApiV3Document(gv, all) as Document);
  }
});

test('kubectl finds the merge keys of a Deployment through the v3 document', (t) => {
  const document = SchemaRegistry.builtin().openApiV3Document('apps/v1', types) as Document;
  const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
  t.deepEqual(kubectlPatchMeta(document, gvk, ['spec', 'template', 'spec', 'containers']), {
    strategy: 'merge',
    key: 'name',
  });
  t.deepEqual(kubectlPatchMeta(document, gvk, ['spec', 'template', 'spec', 'containers', '[]', 'env']), {
    strategy: 'merge',
    key: 'name',
  });
  t.deepEqual(kubectlPatchMeta(document, gvk, ['spec', 'strategy']), { strategy: 'retainKeys', key: undefined });
  const core = SchemaRegistry.builtin().openApiV3Document('v1', types) as Document;
  t.deepEqual(kubectlPatchMeta(core, { group: '', version: 'v1', kind: 'Service' }, ['spec', 'ports']), {
    strategy: 'merge',
    key: 'port',
  });
});

test('a registered CRD appears in its group-version document without strategic merge, and the hash changes', (t) => {
  const registry = SchemaRegistry.builtin();
  const withCrd = [...types, cronTabType];
  const before = (registry.openApiV3Root(withCrd) as { paths: Record<string, unknown> }).paths;
  t.is(before['apis/stable.example.com/v1'], undefined);
  const appsBefore = JSON.stringify(before['apis/apps/v1']);
  registry.registerCustomResource(cronTabType, cronTabSchema);
  const after = (registry.openApiV3Root(withCrd) as { paths: Record<string, { serverRelativeURL: string }> }).paths;
  const first = after['apis/stable.example.com/v1']!.serverRelativeURL;
  t.regex(first, /hash=/);
  t.is(JSON.stringify(after['apis/apps/v1']), appsBefore);
  const document = registry.openApiV3Document('stable.example.com/v1', withCrd) as Document;
  t.truthy(document.components.schemas['com.example.stable.v1.CronTab']);
  t.truthy(document.components.schemas['com.example.stable.v1.CronTabList']);
  t.truthy(document.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']);
  const patch = document.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}']!['patch']!;
  t.false('application/strategic-merge-patch+json' in patch.requestBody!.content);
  t.true(patch.parameters!.some((p) => p.name === 'fieldValidation'));

  registry.registerCustomResource(cronTabType, {
    ...cronTabSchema,
    properties: { ...cronTabSchema.properties, extra: { type: 'string' } },
  });
  const changed = (registry.openApiV3Root(withCrd) as { paths: Record<string, { serverRelativeURL: string }> }).paths;
  t.not(changed['apis/stable.example.com/v1']!.serverRelativeURL, first);
  t.is(
    (registry.openApiV3Root(withCrd) as { paths: Record<string, { serverRelativeURL: string }> }).paths[
      'apis/stable.example.com/v1'
    ]!.serverRelativeURL,
    changed['apis/stable.example.com/v1']!.serverRelativeURL,
  );
});

test('rendering every document is fast once built-ins exist', (t) => {
  const registry = SchemaRegistry.builtin();
  const started = performance.now();
  registry.openApiV3Root(types);
  const millis = performance.now() - started;
  t.log(`rendered and hashed every v3 document in ${millis.toFixed(1)} ms`);
  t.true(millis < 500);
});
