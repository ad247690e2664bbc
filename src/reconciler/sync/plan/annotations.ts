import type { KubeObject } from '../../../kube/object.ts';

/** Argo CD's per-resource annotations (gitops-engine pkg/sync/common/types.go) and Helm's equivalents. */
export const ANNOTATION = {
  syncOptions: 'argocd.argoproj.io/sync-options',
  syncWave: 'argocd.argoproj.io/sync-wave',
  hook: 'argocd.argoproj.io/hook',
  hookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
  helmHook: 'helm.sh/hook',
  helmHookWeight: 'helm.sh/hook-weight',
  helmHookDeletePolicy: 'helm.sh/hook-delete-policy',
} as const;

export function annotationOf(obj: KubeObject | undefined, key: string): string | undefined {
  return obj?.metadata.annotations?.[key];
}

/**
 * The comma-separated values of an annotation, trimmed, empty entries dropped and de-duplicated in order
 * (gitops-engine `resource.GetAnnotationCSVs`).
 */
export function annotationCsv(obj: KubeObject | undefined, key: string): string[] {
  const values: string[] = [];
  for (const item of (annotationOf(obj, key) ?? '').split(',')) {
    const value = item.trim();
    if (value !== '' && !values.includes(value)) values.push(value);
  }
  return values;
}

/** Whether the annotation lists exactly `option`, e.g. `Prune=false` (gitops-engine `HasAnnotationOption`). */
export function hasAnnotationOption(obj: KubeObject | undefined, key: string, option: string): boolean {
  return annotationCsv(obj, key).includes(option);
}

/** The value of `name=` inside the annotation, e.g. `confirm` for `Prune=confirm` (`GetAnnotationOptionValue`). */
export function annotationOptionValue(obj: KubeObject | undefined, key: string, name: string): string | undefined {
  const prefix = `${name}=`;
  return annotationCsv(obj, key)
    .find((item) => item.startsWith(prefix))
    ?.slice(prefix.length);
}
