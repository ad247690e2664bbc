/** What the API server knows about one resource: enough for discovery, routing, storage and OpenAPI. */
export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** The URL segment: "deployments". */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** e.g. ["status", "scale"]: served at /{plural}/{name}/{subresource}. */
  subresources: string[];
  /** The OpenAPI definition name of the kind, e.g. "io.k8s.api.apps.v1.Deployment"; CRDs leave it unset. */
  definition?: string;
  /** Set for resources served from a CustomResourceDefinition. */
  crd?: { name: string; scaleSpecReplicasPath?: string; scaleStatusReplicasPath?: string; labelSelectorPath?: string };
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function groupVersion(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
