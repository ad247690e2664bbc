import { type KubeObject, parseApiVersion } from '../../kube/object.ts';

/** What identifies a kind across API versions: its group and kind (gitops-engine `kube.ResourceKey` drops version). */
export function groupKindKey(apiVersion: string, kind: string): string {
  return `${parseApiVersion(apiVersion).group}/${kind}`;
}

/** `<group>/<kind>/<namespace>/<name>`; cluster-scoped objects have an empty namespace. */
export function objectKey(ref: {
  apiVersion: string;
  kind: string;
  namespace?: string | undefined;
  name: string;
}): string {
  return `${groupKindKey(ref.apiVersion, ref.kind)}/${ref.namespace ?? ''}/${ref.name}`;
}

export function keyOfObject(obj: KubeObject): string {
  return objectKey({
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name ?? '',
  });
}
