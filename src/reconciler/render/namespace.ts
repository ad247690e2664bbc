import type { Manifest } from './types.ts';

/** Whether a kind is namespaced, from the cluster's discovery; undefined when the cluster does not know it. */
export type IsNamespaced = (apiVersion: string, kind: string) => boolean | undefined;

/** Built-in cluster-scoped kinds, for when no discovery answer is at hand. */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);

/** Built-in API groups whose other kinds are all namespaced. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'discovery.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
  'storage.k8s.io',
]);

/** Scope of built-in kinds; undefined for custom resources and unknown groups. */
export const builtinIsNamespaced: IsNamespaced = (apiVersion, kind) => {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  if (CLUSTER_SCOPED.has(`${group}/${kind}`)) return false;
  if (kind === 'List' || kind.endsWith('List')) return undefined;
  return BUILTIN_GROUPS.has(group) ? true : undefined;
};

/**
 * Sets the destination namespace on namespaced objects that have none, as Argo CD does with the target objects
 * (controller/state.go `DeduplicateTargetObjects`). Cluster-scoped objects keep no namespace; objects whose scope is
 * unknown (a CRD not installed yet) are left as they are. Returns new objects; the input is not modified.
 */
export function applyDestinationNamespace(options: {
  manifests: Manifest[];
  destinationNamespace: string | undefined;
  isNamespaced?: IsNamespaced | undefined;
}): Manifest[] {
  const { destinationNamespace, isNamespaced } = options;
  if (!destinationNamespace) return options.manifests;
  return options.manifests.map((manifest) => {
    const metadata = (manifest['metadata'] ?? {}) as Record<string, unknown>;
    if (typeof metadata['namespace'] === 'string' && metadata['namespace'] !== '') return manifest;
    const apiVersion = typeof manifest['apiVersion'] === 'string' ? manifest['apiVersion'] : '';
    const kind = typeof manifest['kind'] === 'string' ? manifest['kind'] : '';
    const namespaced = isNamespaced?.(apiVersion, kind) ?? builtinIsNamespaced(apiVersion, kind);
    if (namespaced !== true) return manifest;
    return { ...manifest, metadata: { ...metadata, namespace: destinationNamespace } };
  });
}
