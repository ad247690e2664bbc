/**
 * Kinds in the order Helm installs them (helm/pkg/releaseutil/kind_sorter.go), as gitops-engine copies it into
 * sync_tasks.go `kindOrder`. Every listed kind ranks below 0 so that unknown kinds — custom resources above all —
 * sort last, after APIService.
 */
const KINDS = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
] as const;

const RANK = new Map<string, number>(KINDS.map((kind, i) => [kind, i - KINDS.length]));

/** The rank of a kind: negative for Helm's list, in its order; 0 for any other kind. */
export function kindRank(kind: string): number {
  return RANK.get(kind) ?? 0;
}
