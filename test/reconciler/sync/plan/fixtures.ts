import type { KubeObject } from '../../../../src/kube/object.ts';

export function res(
  apiVersion: string,
  kind: string,
  name: string,
  options: { namespace?: string; annotations?: Record<string, string>; generateName?: string; spec?: unknown } = {},
): KubeObject {
  const obj: KubeObject = {
    apiVersion,
    kind,
    metadata: {
      ...(name ? { name } : {}),
      ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.generateName ? { generateName: options.generateName } : {}),
    },
  };
  if (options.spec !== undefined) obj['spec'] = options.spec;
  return obj;
}

export const wave = (n: number | string) => ({ 'argocd.argoproj.io/sync-wave': String(n) });
