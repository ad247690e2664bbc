import type { KubeObject } from '../../object.ts';
import { ALL_VERBS, type ResourceType } from '../resources/resource-type.ts';
import type { Schema } from '../schema/schema.ts';

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: Schema };
  subresources?: {
    status?: object;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: unknown[];
}

export interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: {
    kind: string;
    plural: string;
    singular?: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

export function crdSpec(crd: KubeObject): CrdSpec {
  return crd['spec'] as CrdSpec;
}

/** The resource types a CRD serves: one per served version, sharing one storage key. */
export function servedTypes(crd: KubeObject): { type: ResourceType; schema: Schema | undefined }[] {
  const spec = crdSpec(crd);
  return spec.versions
    .filter((v) => v.served)
    .map((v) => {
      const type: ResourceType = {
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        listKind: spec.names.listKind ?? `${spec.names.kind}List`,
        plural: spec.names.plural,
        singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
        namespaced: spec.scope === 'Namespaced',
        shortNames: spec.names.shortNames ?? [],
        categories: spec.names.categories ?? [],
        verbs: ALL_VERBS,
        subresources: [...(v.subresources?.status ? ['status'] : []), ...(v.subresources?.scale ? ['scale'] : [])],
        crd: {
          name: crd.metadata.name!,
          ...(v.subresources?.scale
            ? {
                scaleSpecReplicasPath: v.subresources.scale.specReplicasPath,
                scaleStatusReplicasPath: v.subresources.scale.statusReplicasPath,
                ...(v.subresources.scale.labelSelectorPath
                  ? { labelSelectorPath: v.subresources.scale.labelSelectorPath }
                  : {}),
              }
            : {}),
        },
      };
      return { type, schema: v.schema?.openAPIV3Schema };
    });
}
