import { CORE_V1, META_V1, wellKnown } from './definition-names.ts';

/**
 * Facts the client-node models lose. resource.Quantity and a few opaque types are plain `string`/`any` there;
 * Kubernetes publishes them as named definitions (a Quantity accepts `"500m"` and `0.5`). Keyed by definition, then
 * JSON field name. Sources: field types in staging/src/k8s.io/api/core/v1, autoscaling/v2 and apps/v1 types.go.
 */
export const namedFieldTypes: Record<string, Record<string, string>> = {
  [`${CORE_V1}.ResourceRequirements`]: { limits: wellKnown.quantity, requests: wellKnown.quantity },
  [`${CORE_V1}.VolumeResourceRequirements`]: { limits: wellKnown.quantity, requests: wellKnown.quantity },
  [`${CORE_V1}.EmptyDirVolumeSource`]: { sizeLimit: wellKnown.quantity },
  [`${CORE_V1}.PersistentVolumeClaimStatus`]: { capacity: wellKnown.quantity, allocatedResources: wellKnown.quantity },
  [`${CORE_V1}.PersistentVolumeSpec`]: { capacity: wellKnown.quantity },
  [`${CORE_V1}.NodeStatus`]: { capacity: wellKnown.quantity, allocatable: wellKnown.quantity },
  [`${CORE_V1}.LimitRangeItem`]: {
    max: wellKnown.quantity,
    min: wellKnown.quantity,
    default: wellKnown.quantity,
    defaultRequest: wellKnown.quantity,
    maxLimitRequestRatio: wellKnown.quantity,
  },
  [`${CORE_V1}.ResourceQuotaSpec`]: { hard: wellKnown.quantity },
  [`${CORE_V1}.ResourceQuotaStatus`]: { hard: wellKnown.quantity, used: wellKnown.quantity },
  [`${CORE_V1}.PodSpec`]: { overhead: wellKnown.quantity },
  [`${CORE_V1}.ContainerStatus`]: { allocatedResources: wellKnown.quantity },
  [`${CORE_V1}.ResourceFieldSelector`]: { divisor: wellKnown.quantity },
  'io.k8s.api.autoscaling.v2.MetricTarget': { averageValue: wellKnown.quantity, value: wellKnown.quantity },
  'io.k8s.api.autoscaling.v2.MetricValueStatus': { averageValue: wellKnown.quantity, value: wellKnown.quantity },
  [`${META_V1}.ManagedFieldsEntry`]: { fieldsV1: wellKnown.fieldsV1 },
  [`${META_V1}.WatchEvent`]: { object: wellKnown.rawExtension },
  'io.k8s.api.apps.v1.ControllerRevision': { data: wellKnown.rawExtension },
};

/**
 * Required fields of spec-side types, as Kubernetes' OpenAPI marks them (Go fields without `omitempty`/`+optional`).
 * Status types are left out on purpose: controllers in the sandbox write partial statuses.
 */
export const requiredFields: Record<string, string[]> = {
  [`${CORE_V1}.PodSpec`]: ['containers'],
  [`${CORE_V1}.Container`]: ['name'],
  [`${CORE_V1}.EphemeralContainer`]: ['name'],
  [`${CORE_V1}.ContainerPort`]: ['containerPort'],
  [`${CORE_V1}.EnvVar`]: ['name'],
  [`${CORE_V1}.VolumeMount`]: ['name', 'mountPath'],
  [`${CORE_V1}.VolumeDevice`]: ['name', 'devicePath'],
  [`${CORE_V1}.Volume`]: ['name'],
  [`${CORE_V1}.ServicePort`]: ['port'],
  [`${CORE_V1}.KeyToPath`]: ['key', 'path'],
  [`${CORE_V1}.ConfigMapKeySelector`]: ['key'],
  [`${CORE_V1}.SecretKeySelector`]: ['key'],
  [`${CORE_V1}.HostAlias`]: ['ip'],
  [`${CORE_V1}.TopologySpreadConstraint`]: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'],
  [`${CORE_V1}.NodeSelector`]: ['nodeSelectorTerms'],
  [`${CORE_V1}.NodeSelectorRequirement`]: ['key', 'operator'],
  [`${CORE_V1}.PodAffinityTerm`]: ['topologyKey'],
  [`${CORE_V1}.WeightedPodAffinityTerm`]: ['weight', 'podAffinityTerm'],
  [`${CORE_V1}.PreferredSchedulingTerm`]: ['weight', 'preference'],
  [`${CORE_V1}.HTTPGetAction`]: ['port'],
  [`${CORE_V1}.TCPSocketAction`]: ['port'],
  [`${META_V1}.LabelSelectorRequirement`]: ['key', 'operator'],
  [`${META_V1}.OwnerReference`]: ['apiVersion', 'kind', 'name', 'uid'],
  'io.k8s.api.apps.v1.DeploymentSpec': ['selector', 'template'],
  'io.k8s.api.apps.v1.ReplicaSetSpec': ['selector'],
  'io.k8s.api.apps.v1.StatefulSetSpec': ['selector', 'template'],
  'io.k8s.api.apps.v1.DaemonSetSpec': ['selector', 'template'],
  'io.k8s.api.batch.v1.JobSpec': ['template'],
  'io.k8s.api.batch.v1.CronJobSpec': ['schedule', 'jobTemplate'],
  'io.k8s.api.networking.v1.HTTPIngressRuleValue': ['paths'],
  'io.k8s.api.networking.v1.HTTPIngressPath': ['pathType', 'backend'],
  'io.k8s.api.networking.v1.IngressServiceBackend': ['name'],
  'io.k8s.api.rbac.v1.PolicyRule': ['verbs'],
  'io.k8s.api.rbac.v1.RoleRef': ['apiGroup', 'kind', 'name'],
  'io.k8s.api.rbac.v1.Subject': ['kind', 'name'],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec': [
    'group',
    'names',
    'scope',
    'versions',
  ],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion': [
    'name',
    'served',
    'storage',
  ],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames': ['plural', 'kind'],
};
