import { CORE_V1, META_V1 } from './definition-names.ts';
import type { Schema } from './schema.ts';

/**
 * Strategic-merge and list/map metadata of built-in fields: the facts Kubernetes' Go struct tags carry
 * (`patchStrategy`, `patchMergeKey`, `+listType`, `+listMapKey`, `+mapType`, `+structType`) and its OpenAPI
 * publishes as x-kubernetes-* extensions. client-node's models drop them, so they are restated here, written from
 * kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go, apps/v1/types.go, batch/v1/types.go,
 * policy/v1/types.go, autoscaling/v2/types.go, networking/v1/types.go, discovery/v1/types.go, rbac/v1/types.go,
 * apiextensions-apiserver/pkg/apis/apiextensions/v1/types.go and apimachinery/pkg/apis/meta/v1/types.go.
 * Lists without an entry are atomic, as Kubernetes treats untagged lists.
 */

/** `patchStrategy:"merge" patchMergeKey:key` with `+listType=map` keyed by `mapKeys` (default: the merge key). */
function mergeMap(key: string, options: { mapKeys?: string[]; retainKeys?: boolean } = {}): Schema {
  return {
    'x-kubernetes-patch-strategy': options.retainKeys ? 'merge,retainKeys' : 'merge',
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': options.mapKeys ?? [key],
  };
}

/** `patchStrategy:"merge" patchMergeKey:key` on a list that server-side apply still treats as atomic. */
function mergeAtomic(key: string): Schema {
  return {
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': key,
    'x-kubernetes-list-type': 'atomic',
  };
}

/** `+listType=map` without a patch strategy (strategic merge replaces the list; apply merges by key). */
function listMap(...keys: string[]): Schema {
  return { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': keys };
}

const mergeSet: Schema = { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'set' };
const set: Schema = { 'x-kubernetes-list-type': 'set' };
const atomic: Schema = { 'x-kubernetes-list-type': 'atomic' };
const atomicMap: Schema = { 'x-kubernetes-map-type': 'atomic' };
const retainKeys: Schema = { 'x-kubernetes-patch-strategy': 'retainKeys' };
const conditions = mergeMap('type');

const core = (name: string) => `${CORE_V1}.${name}`;
const meta = (name: string) => `${META_V1}.${name}`;

const containerLists: Record<string, Schema> = {
  ports: mergeMap('containerPort', { mapKeys: ['containerPort', 'protocol'] }),
  env: mergeMap('name'),
  envFrom: atomic,
  volumeMounts: mergeMap('mountPath'),
  volumeDevices: mergeMap('devicePath'),
  command: atomic,
  args: atomic,
  resizePolicy: atomic,
};

/** Per definition, per field: extensions to add to that property's schema. */
export const fieldPatchMetadata: Record<string, Record<string, Schema>> = {
  // meta/v1
  [meta('ObjectMeta')]: {
    finalizers: mergeSet,
    ownerReferences: mergeMap('uid'),
    managedFields: atomic,
  },
  [meta('LabelSelector')]: { matchExpressions: atomic },
  [meta('LabelSelectorRequirement')]: { values: atomic },

  // core/v1: pods
  [core('PodSpec')]: {
    volumes: mergeMap('name', { retainKeys: true }),
    initContainers: mergeMap('name'),
    containers: mergeMap('name'),
    ephemeralContainers: mergeMap('name'),
    imagePullSecrets: mergeMap('name'),
    hostAliases: mergeMap('ip'),
    topologySpreadConstraints: mergeMap('topologyKey', { mapKeys: ['topologyKey', 'whenUnsatisfiable'] }),
    schedulingGates: mergeMap('name'),
    resourceClaims: mergeMap('name', { retainKeys: true }),
    tolerations: atomic,
    readinessGates: atomic,
    nodeSelector: atomicMap,
  },
  [core('PodStatus')]: {
    conditions,
    podIPs: mergeMap('ip'),
    hostIPs: mergeAtomic('ip'),
    containerStatuses: atomic,
    initContainerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: mergeMap('name', { retainKeys: true }),
  },
  [core('Container')]: containerLists,
  [core('EphemeralContainer')]: containerLists,
  [core('ResourceRequirements')]: { claims: listMap('name') },
  [core('Capabilities')]: { add: atomic, drop: atomic },
  [core('PodSecurityContext')]: { supplementalGroups: atomic, sysctls: atomic },
  [core('PodDNSConfig')]: { nameservers: atomic, searches: atomic, options: atomic },
  [core('ExecAction')]: { command: atomic },
  [core('HTTPGetAction')]: { httpHeaders: atomic },
  [core('ProjectedVolumeSource')]: { sources: atomic },
  [core('ConfigMapVolumeSource')]: { items: atomic },
  [core('SecretVolumeSource')]: { items: atomic },
  [core('DownwardAPIVolumeSource')]: { items: atomic },
  [core('ConfigMapProjection')]: { items: atomic },
  [core('SecretProjection')]: { items: atomic },
  [core('NodeSelector')]: { nodeSelectorTerms: atomic },
  [core('NodeSelectorTerm')]: { matchExpressions: atomic, matchFields: atomic },
  [core('NodeSelectorRequirement')]: { values: atomic },
  [core('NodeAffinity')]: { preferredDuringSchedulingIgnoredDuringExecution: atomic },
  [core('PodAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [core('PodAntiAffinity')]: {
    requiredDuringSchedulingIgnoredDuringExecution: atomic,
    preferredDuringSchedulingIgnoredDuringExecution: atomic,
  },
  [core('PodAffinityTerm')]: { namespaces: atomic, matchLabelKeys: atomic, mismatchLabelKeys: atomic },
  [core('TopologySpreadConstraint')]: { matchLabelKeys: atomic },

  // core/v1: services, endpoints, nodes, namespaces, claims, accounts
  [core('ServiceSpec')]: {
    ports: mergeMap('port', { mapKeys: ['port', 'protocol'] }),
    selector: atomicMap,
    clusterIPs: atomic,
    externalIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
  },
  [core('ServiceStatus')]: { conditions },
  [core('LoadBalancerStatus')]: { ingress: atomic },
  [core('LoadBalancerIngress')]: { ports: atomic },
  [core('Endpoints')]: { subsets: atomic },
  [core('EndpointSubset')]: { addresses: atomic, notReadyAddresses: atomic, ports: atomic },
  [core('NodeSpec')]: { podCIDRs: mergeSet, taints: atomic },
  [core('NodeStatus')]: {
    conditions,
    addresses: mergeMap('type'),
    images: atomic,
    volumesInUse: atomic,
    volumesAttached: atomic,
  },
  [core('NamespaceSpec')]: { finalizers: atomic },
  [core('NamespaceStatus')]: { conditions },
  [core('PersistentVolumeClaimSpec')]: { accessModes: atomic },
  [core('PersistentVolumeClaimStatus')]: { conditions, accessModes: atomic },
  [core('PersistentVolumeSpec')]: { accessModes: atomic, mountOptions: atomic },
  [core('ServiceAccount')]: { secrets: mergeMap('name'), imagePullSecrets: atomic },
  [core('ResourceQuotaSpec')]: { scopes: atomic },
  [core('LimitRangeSpec')]: { limits: atomic },

  // apps/v1
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: retainKeys },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions },
  'io.k8s.api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: atomic },
  'io.k8s.api.apps.v1.StatefulSetStatus': { conditions },
  'io.k8s.api.apps.v1.DaemonSetStatus': { conditions },

  // batch/v1
  'io.k8s.api.batch.v1.JobStatus': { conditions: mergeAtomic('type') },
  'io.k8s.api.batch.v1.PodFailurePolicy': { rules: atomic },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { onPodConditions: atomic },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { values: set },
  'io.k8s.api.batch.v1.SuccessPolicy': { rules: atomic },
  'io.k8s.api.batch.v1.CronJobStatus': { active: atomic },

  // policy/v1, autoscaling/v2
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': { conditions },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec': { metrics: atomic },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { conditions, currentMetrics: atomic },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { policies: atomic },

  // networking/v1, discovery/v1
  'io.k8s.api.networking.v1.IngressSpec': { rules: atomic, tls: atomic },
  'io.k8s.api.networking.v1.IngressTLS': { hosts: atomic },
  'io.k8s.api.networking.v1.HTTPIngressRuleValue': { paths: atomic },
  'io.k8s.api.networking.v1.IngressLoadBalancerStatus': { ingress: atomic },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { ingress: atomic, egress: atomic, policyTypes: atomic },
  'io.k8s.api.networking.v1.NetworkPolicyIngressRule': { ports: atomic, from: atomic },
  'io.k8s.api.networking.v1.NetworkPolicyEgressRule': { ports: atomic, to: atomic },
  'io.k8s.api.discovery.v1.EndpointSlice': { endpoints: atomic, ports: atomic },
  'io.k8s.api.discovery.v1.Endpoint': { addresses: set },

  // rbac/v1
  'io.k8s.api.rbac.v1.Role': { rules: atomic },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: atomic },
  'io.k8s.api.rbac.v1.RoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { subjects: atomic },
  'io.k8s.api.rbac.v1.PolicyRule': {
    verbs: atomic,
    apiGroups: atomic,
    resources: atomic,
    resourceNames: atomic,
    nonResourceURLs: atomic,
  },

  // apiextensions/v1
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec': { versions: atomic },
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus': {
    conditions: listMap('type'),
    storedVersions: atomic,
  },
};

/** Structs Kubernetes marks `+structType=atomic`: replaced as a whole by apply and merge. */
export const atomicStructs: string[] = [
  meta('LabelSelector'),
  meta('OwnerReference'),
  core('LocalObjectReference'),
  core('ObjectReference'),
  core('TypedLocalObjectReference'),
  core('ConfigMapKeySelector'),
  core('SecretKeySelector'),
  core('ObjectFieldSelector'),
  core('ResourceFieldSelector'),
  core('NodeSelector'),
  core('TopologySelectorTerm'),
  'io.k8s.api.rbac.v1.RoleRef',
];
