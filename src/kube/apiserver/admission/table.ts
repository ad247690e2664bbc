import { configMapAdmission } from './configmap.ts';
import { cronJobAdmission } from './cronjob.ts';
import { daemonSetAdmission } from './daemonset.ts';
import { deploymentAdmission } from './deployment.ts';
import { endpointSliceAdmission } from './endpointslice.ts';
import { ingressAdmission } from './ingress.ts';
import { jobAdmission } from './job.ts';
import type { KindAdmission } from './kind-admission.ts';
import { leaseAdmission } from './lease.ts';
import { namespaceAdmission } from './namespace.ts';
import { nodeAdmission } from './node.ts';
import { podAdmission } from './pod.ts';
import { pvcAdmission } from './pvc.ts';
import { roleAdmission, roleBindingAdmission } from './rbac.ts';
import { replicaSetAdmission } from './replicaset.ts';
import { secretAdmission } from './secret.ts';
import { serviceAdmission } from './service.ts';
import { statefulSetAdmission } from './statefulset.ts';

/** Built-in kinds by "group/kind" (core group empty). Kinds not listed get metadata validation only. */
export const admissionTable: Record<string, KindAdmission> = {
  '/Pod': podAdmission,
  '/Service': serviceAdmission,
  '/Namespace': namespaceAdmission,
  '/Secret': secretAdmission,
  '/ConfigMap': configMapAdmission,
  '/Node': nodeAdmission,
  '/PersistentVolumeClaim': pvcAdmission,
  // Service account names are DNS subdomains; the default rule.
  '/ServiceAccount': {},
  'apps/Deployment': deploymentAdmission,
  'apps/ReplicaSet': replicaSetAdmission,
  'apps/StatefulSet': statefulSetAdmission,
  'apps/DaemonSet': daemonSetAdmission,
  'batch/Job': jobAdmission,
  'batch/CronJob': cronJobAdmission,
  'coordination.k8s.io/Lease': leaseAdmission,
  'discovery.k8s.io/EndpointSlice': endpointSliceAdmission,
  'networking.k8s.io/Ingress': ingressAdmission,
  'networking.k8s.io/IngressClass': {},
  'networking.k8s.io/NetworkPolicy': {},
  'rbac.authorization.k8s.io/Role': roleAdmission,
  'rbac.authorization.k8s.io/ClusterRole': roleAdmission,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingAdmission,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleBindingAdmission,
  // PriorityClass and StorageClass: subdomains; HPA and PDB names too.
  'autoscaling/HorizontalPodAutoscaler': {},
  'policy/PodDisruptionBudget': {},
  // Events are named "<object>.<hex>"; ControllerRevisions "<owner>-<hash>": both subdomains.
  '/Event': {},
  'events.k8s.io/Event': {},
  'apps/ControllerRevision': {},
  '/Endpoints': {},
  '/LimitRange': {},
  '/ResourceQuota': {},
  '/PersistentVolume': {},
};
