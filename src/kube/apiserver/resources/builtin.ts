import { ALL_VERBS, type ResourceType } from './resource-type.ts';

/**
 * The built-in resources the embedded API server serves, with the discovery data a real v1.32 server publishes
 * for them (short names and categories as `kubectl api-resources` prints them).
 */
interface BuiltinSpec {
  kind: string;
  plural: string;
  namespaced: boolean;
  short?: string[];
  categories?: string[];
  sub?: string[];
  verbs?: string[];
  /** Package segment of the OpenAPI definition: "core" → io.k8s.api.core.v1.Pod. */
  pkg?: string;
}

const groups: { group: string; version: string; pkg: string; resources: BuiltinSpec[] }[] = [
  {
    group: '',
    version: 'v1',
    pkg: 'io.k8s.api.core',
    resources: [
      { kind: 'Namespace', plural: 'namespaces', namespaced: false, short: ['ns'], sub: ['status', 'finalize'] },
      { kind: 'Node', plural: 'nodes', namespaced: false, short: ['no'], sub: ['status'] },
      {
        kind: 'Pod',
        plural: 'pods',
        namespaced: true,
        short: ['po'],
        categories: ['all'],
        sub: ['status', 'binding', 'eviction'],
      },
      { kind: 'Service', plural: 'services', namespaced: true, short: ['svc'], categories: ['all'], sub: ['status'] },
      { kind: 'Endpoints', plural: 'endpoints', namespaced: true, short: ['ep'] },
      { kind: 'ConfigMap', plural: 'configmaps', namespaced: true, short: ['cm'] },
      { kind: 'Secret', plural: 'secrets', namespaced: true },
      { kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, short: ['sa'] },
      { kind: 'Event', plural: 'events', namespaced: true, short: ['ev'] },
      {
        kind: 'PersistentVolumeClaim',
        plural: 'persistentvolumeclaims',
        namespaced: true,
        short: ['pvc'],
        sub: ['status'],
      },
      { kind: 'PersistentVolume', plural: 'persistentvolumes', namespaced: false, short: ['pv'], sub: ['status'] },
      { kind: 'ResourceQuota', plural: 'resourcequotas', namespaced: true, short: ['quota'], sub: ['status'] },
      { kind: 'LimitRange', plural: 'limitranges', namespaced: true, short: ['limits'] },
    ],
  },
  {
    group: 'apps',
    version: 'v1',
    pkg: 'io.k8s.api.apps',
    resources: [
      {
        kind: 'Deployment',
        plural: 'deployments',
        namespaced: true,
        short: ['deploy'],
        categories: ['all'],
        sub: ['status', 'scale'],
      },
      {
        kind: 'ReplicaSet',
        plural: 'replicasets',
        namespaced: true,
        short: ['rs'],
        categories: ['all'],
        sub: ['status', 'scale'],
      },
      {
        kind: 'StatefulSet',
        plural: 'statefulsets',
        namespaced: true,
        short: ['sts'],
        categories: ['all'],
        sub: ['status', 'scale'],
      },
      {
        kind: 'DaemonSet',
        plural: 'daemonsets',
        namespaced: true,
        short: ['ds'],
        categories: ['all'],
        sub: ['status'],
      },
      { kind: 'ControllerRevision', plural: 'controllerrevisions', namespaced: true },
    ],
  },
  {
    group: 'batch',
    version: 'v1',
    pkg: 'io.k8s.api.batch',
    resources: [
      { kind: 'Job', plural: 'jobs', namespaced: true, categories: ['all'], sub: ['status'] },
      { kind: 'CronJob', plural: 'cronjobs', namespaced: true, short: ['cj'], categories: ['all'], sub: ['status'] },
    ],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    pkg: 'io.k8s.api.autoscaling',
    resources: [
      {
        kind: 'HorizontalPodAutoscaler',
        plural: 'horizontalpodautoscalers',
        namespaced: true,
        short: ['hpa'],
        categories: ['all'],
        sub: ['status'],
      },
    ],
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.coordination',
    resources: [{ kind: 'Lease', plural: 'leases', namespaced: true }],
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.discovery',
    resources: [{ kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true }],
  },
  {
    group: 'events.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.events',
    resources: [{ kind: 'Event', plural: 'events', namespaced: true, short: ['ev'] }],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.networking',
    resources: [
      { kind: 'Ingress', plural: 'ingresses', namespaced: true, short: ['ing'], sub: ['status'] },
      { kind: 'IngressClass', plural: 'ingressclasses', namespaced: false },
      { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true, short: ['netpol'] },
    ],
  },
  {
    group: 'policy',
    version: 'v1',
    pkg: 'io.k8s.api.policy',
    resources: [
      {
        kind: 'PodDisruptionBudget',
        plural: 'poddisruptionbudgets',
        namespaced: true,
        short: ['pdb'],
        sub: ['status'],
      },
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.rbac',
    resources: [
      { kind: 'Role', plural: 'roles', namespaced: true },
      { kind: 'RoleBinding', plural: 'rolebindings', namespaced: true },
      { kind: 'ClusterRole', plural: 'clusterroles', namespaced: false },
      { kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false },
    ],
  },
  {
    group: 'storage.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.storage',
    resources: [{ kind: 'StorageClass', plural: 'storageclasses', namespaced: false, short: ['sc'] }],
  },
  {
    group: 'scheduling.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.api.scheduling',
    resources: [{ kind: 'PriorityClass', plural: 'priorityclasses', namespaced: false, short: ['pc'] }],
  },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    pkg: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
    resources: [
      {
        kind: 'CustomResourceDefinition',
        plural: 'customresourcedefinitions',
        namespaced: false,
        short: ['crd', 'crds'],
        categories: ['api-extensions'],
        sub: ['status'],
      },
    ],
  },
];

export function builtinResourceTypes(): ResourceType[] {
  return groups.flatMap(({ group, version, pkg, resources }) =>
    resources.map((spec) => ({
      group,
      version,
      kind: spec.kind,
      listKind: `${spec.kind}List`,
      plural: spec.plural,
      singular: spec.kind.toLowerCase(),
      namespaced: spec.namespaced,
      shortNames: spec.short ?? [],
      categories: spec.categories ?? [],
      verbs: spec.verbs ?? ALL_VERBS,
      subresources: spec.sub ?? [],
      definition: `${pkg}.${version}.${spec.kind}`,
    })),
  );
}
