import type { KubeObject } from '../../../src/kube/object.ts';

/** A minimal live object of a kind, with spec/status/metadata merged in. */
export function obj(
  apiVersion: string,
  kind: string,
  parts: { metadata?: Partial<KubeObject['metadata']>; spec?: unknown; status?: unknown } = {},
): KubeObject {
  const object: KubeObject = { apiVersion, kind, metadata: { name: 'web', namespace: 'default', ...parts.metadata } };
  if (parts.spec !== undefined) object['spec'] = parts.spec;
  if (parts.status !== undefined) object['status'] = parts.status;
  return object;
}
