import test from 'ava';
import { SchemaRegistry } from '../../../../src/kube/apiserver/schema/index.ts';
import type { Schema } from '../../../../src/kube/apiserver/schema/schema.ts';
import { at, builtinType, cronTabSchema, cronTabType } from './helpers.ts';

/** Walks a (possibly cyclic) schema graph and returns every `$ref` left in it. */
function refsIn(schema: Schema): string[] {
  const seen = new Set<Schema>();
  const refs: string[] = [];
  const visit = (node: Schema) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.$ref) refs.push(node.$ref);
    for (const child of Object.values(node.properties ?? {})) visit(child);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties);
    if (node.items) visit(node.items);
    for (const child of [...(node.allOf ?? []), ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) visit(child);
  };
  visit(schema);
  return refs;
}

test('schemaFor returns the dereferenced root of a built-in kind', (t) => {
  const registry = SchemaRegistry.builtin();
  const deployment = registry.schemaFor(builtinType('Deployment'));
  t.truthy(deployment);
  t.deepEqual(refsIn(deployment!), []);
  const containers = at(deployment, 'spec', 'template', 'spec', 'containers');
  t.is(containers?.['x-kubernetes-patch-merge-key'], 'name');
  t.is(at(containers, '[]', 'image')?.type, 'string');
  t.is(at(deployment, 'spec', 'strategy')?.['x-kubernetes-patch-strategy'], 'retainKeys');
  t.truthy(at(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxSurge')?.['x-kubernetes-int-or-string']);
  // shared definitions are shared nodes
  t.is(at(deployment, 'metadata'), registry.schemaFor(builtinType('Pod'))?.properties?.['metadata']);
});

test('schemaFor handles cyclic definitions (JSONSchemaProps)', (t) => {
  const crd = SchemaRegistry.builtin().schemaFor(builtinType('CustomResourceDefinition'));
  const props = at(crd, 'spec', 'versions', '[]', 'schema', 'openAPIV3Schema');
  t.truthy(props);
  t.is(at(props, 'properties')?.additionalProperties, props);
  t.deepEqual(refsIn(crd!), []);
});

test('a registered CRD schema gains apiVersion, kind and ObjectMeta metadata', (t) => {
  const registry = SchemaRegistry.builtin();
  t.is(registry.schemaFor(cronTabType), undefined);
  registry.registerCustomResource(cronTabType, cronTabSchema);
  const schema = registry.schemaFor(cronTabType);
  t.is(at(schema, 'apiVersion')?.type, 'string');
  t.is(at(schema, 'kind')?.type, 'string');
  t.truthy(at(schema, 'metadata', 'labels'));
  t.is(at(schema, 'spec', 'replicas')?.default, 1);
  t.deepEqual(schema?.['x-kubernetes-group-version-kind'], [
    { group: 'stable.example.com', version: 'v1', kind: 'CronTab' },
  ]);
  t.deepEqual(refsIn(schema!), []);
  registry.unregisterCustomResource(cronTabType);
  t.is(registry.schemaFor(cronTabType), undefined);
});

test('registries do not share custom resources', (t) => {
  const first = SchemaRegistry.builtin();
  first.registerCustomResource(cronTabType, cronTabSchema);
  t.is(SchemaRegistry.builtin().schemaFor(cronTabType), undefined);
});

test('a CRD root that is not an object is refused', (t) => {
  const error = t.throws(() => SchemaRegistry.builtin().registerCustomResource(cronTabType, { type: 'string' }));
  t.is((error as { code?: string }).code, 'SCHEMA_INVALID_CRD');
});
