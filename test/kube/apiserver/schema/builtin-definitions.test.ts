import test from 'ava';
import { buildBuiltinDefinitions } from '../../../../src/kube/apiserver/schema/builtin-definitions.ts';
import { builtinSchemas } from '../../../../src/kube/apiserver/schema/builtin-schemas.ts';
import { clientNodeModels } from '../../../../src/kube/apiserver/schema/client-node-models.ts';
import { requiredFields } from '../../../../src/kube/apiserver/schema/field-facts.ts';
import { atomicStructs, fieldPatchMetadata } from '../../../../src/kube/apiserver/schema/patch-metadata.ts';

const definitions = builtinSchemas().definitions;
const property = (definition: string, field: string) => definitions.get(definition)?.properties?.[field];

test('Deployment definitions carry the strategic-merge keys kubectl needs', (t) => {
  t.like(property('io.k8s.api.core.v1.PodSpec', 'containers'), {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': 'name',
    'x-kubernetes-list-type': 'map',
  });
  t.like(property('io.k8s.api.core.v1.PodSpec', 'volumes'), {
    'x-kubernetes-patch-strategy': 'merge,retainKeys',
    'x-kubernetes-patch-merge-key': 'name',
  });
  t.deepEqual(property('io.k8s.api.core.v1.Container', 'ports')?.['x-kubernetes-list-map-keys'], [
    'containerPort',
    'protocol',
  ]);
  t.is(property('io.k8s.api.core.v1.Container', 'ports')?.['x-kubernetes-patch-merge-key'], 'containerPort');
  t.is(property('io.k8s.api.core.v1.Container', 'env')?.['x-kubernetes-patch-merge-key'], 'name');
  t.is(property('io.k8s.api.core.v1.Container', 'volumeMounts')?.['x-kubernetes-patch-merge-key'], 'mountPath');
  t.is(property('io.k8s.api.core.v1.Container', 'volumeDevices')?.['x-kubernetes-patch-merge-key'], 'devicePath');
  t.is(property('io.k8s.api.core.v1.PodSpec', 'hostAliases')?.['x-kubernetes-patch-merge-key'], 'ip');
  t.deepEqual(property('io.k8s.api.core.v1.PodSpec', 'topologySpreadConstraints')?.['x-kubernetes-list-map-keys'], [
    'topologyKey',
    'whenUnsatisfiable',
  ]);
  t.is(property('io.k8s.api.core.v1.PodSpec', 'tolerations')?.['x-kubernetes-list-type'], 'atomic');
  t.is(property('io.k8s.api.apps.v1.DeploymentSpec', 'strategy')?.['x-kubernetes-patch-strategy'], 'retainKeys');
  t.is(property('io.k8s.api.apps.v1.DeploymentStatus', 'conditions')?.['x-kubernetes-patch-merge-key'], 'type');
  t.like(property('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers'), {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-list-type': 'set',
  });
  t.is(
    property('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'ownerReferences')?.['x-kubernetes-patch-merge-key'],
    'uid',
  );
  t.is(definitions.get('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')?.['x-kubernetes-map-type'], 'atomic');
  t.deepEqual(property('io.k8s.api.core.v1.ServiceSpec', 'ports')?.['x-kubernetes-list-map-keys'], [
    'port',
    'protocol',
  ]);
});

test('definitions are named the way Kubernetes names them', (t) => {
  t.is(
    property('io.k8s.api.apps.v1.DeploymentSpec', 'template')?.$ref,
    '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec',
  );
  t.is(
    property('io.k8s.api.apps.v1.Deployment', 'metadata')?.$ref,
    '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  );
  t.is(
    property('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp')?.$ref,
    '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  );
  t.is(
    property('io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge')?.$ref,
    '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  );
  const limits = property('io.k8s.api.core.v1.ResourceRequirements', 'limits')?.additionalProperties;
  t.deepEqual(limits, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
  t.true(definitions.has('io.k8s.api.core.v1.Event'));
  t.true(definitions.has('io.k8s.api.events.v1.Event'));
  t.true(definitions.has('io.k8s.api.core.v1.TopologySelectorTerm'));
  t.true(definitions.has('io.k8s.api.discovery.v1.EndpointPort'));
  t.true(definitions.has('io.k8s.api.autoscaling.v1.Scale'));
  t.deepEqual(definitions.get('io.k8s.api.apps.v1.Deployment')?.['x-kubernetes-group-version-kind'], [
    { group: 'apps', version: 'v1', kind: 'Deployment' },
  ]);
  t.deepEqual(definitions.get('io.k8s.api.core.v1.PodList')?.['x-kubernetes-group-version-kind'], [
    { group: '', version: 'v1', kind: 'PodList' },
  ]);
  t.deepEqual(definitions.get('io.k8s.api.core.v1.PodSpec')?.required, ['containers']);
});

test('every table entry names a definition and field that exist', (t) => {
  const missing: string[] = [];
  for (const [definition, fields] of [
    ...Object.entries(fieldPatchMetadata),
    ...Object.entries(requiredFields).map(
      ([name, list]) => [name, Object.fromEntries(list.map((field) => [field, {}]))] as const,
    ),
  ]) {
    for (const field of Object.keys(fields)) {
      if (!definitions.get(definition)?.properties?.[field]) missing.push(`${definition}.${field}`);
    }
  }
  for (const definition of atomicStructs) if (!definitions.has(definition)) missing.push(definition);
  t.deepEqual(missing, []);
});

test('building every built-in definition is fast', (t) => {
  clientNodeModels(); // importing client-node itself is not part of the build
  const started = performance.now();
  const built = buildBuiltinDefinitions();
  const millis = performance.now() - started;
  t.log(`built ${built.size} definitions in ${millis.toFixed(1)} ms`);
  t.true(built.size > 300);
  t.true(millis < 200, `took ${millis} ms`);
});
