import test from 'ava';
import { builtinResourceTypes } from '../../../../src/kube/apiserver/resources/builtin.ts';
import { SchemaRegistry } from '../../../../src/kube/apiserver/schema/index.ts';

type Json = Record<string, unknown>;

test('the v2 document is swagger 2.0 whose refs all resolve', (t) => {
  const document = SchemaRegistry.builtin().openApiV2(builtinResourceTypes()) as {
    swagger: string;
    paths: Record<string, Record<string, Json>>;
    definitions: Record<string, Json>;
  };
  t.is(document.swagger, '2.0');
  const text = JSON.stringify(document);
  const unresolved = [...text.matchAll(/"\$ref":"([^"]+)"/g)]
    .map((match) => match[1]!)
    .filter(
      (ref) => !ref.startsWith('#/definitions/') || !(ref.slice('#/definitions/'.length) in document.definitions),
    );
  t.deepEqual([...new Set(unresolved)], []);
  const patch = document.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!['patch']!;
  t.true((patch['consumes'] as string[]).includes('application/strategic-merge-patch+json'));
  t.true((patch['parameters'] as { name: string }[]).some((p) => p.name === 'fieldValidation'));
  t.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
  t.deepEqual(document.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], {
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
    type: 'string',
  });
  t.like(document.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'], { type: 'string' });
  const strategy = (document.definitions['io.k8s.api.apps.v1.DeploymentSpec']!['properties'] as Record<string, Json>)[
    'strategy'
  ]!;
  t.deepEqual(strategy, {
    $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy',
    'x-kubernetes-patch-strategy': 'retainKeys',
  });
});

test('the protobuf v2 answer is an empty (valid) gnostic document', (t) => {
  t.is(SchemaRegistry.builtin().openApiV2Protobuf().byteLength, 0);
});
