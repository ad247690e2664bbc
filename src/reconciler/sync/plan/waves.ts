import type { KubeObject } from '../../../kube/object.ts';
import { ANNOTATION, annotationOf } from './annotations.ts';
import { parseGoInt } from './go-int.ts';

/**
 * The sync wave of an object: `argocd.argoproj.io/sync-wave`, else Helm's `helm.sh/hook-weight`, else 0. A value that
 * is not an integer is ignored, falling through to the next source (gitops-engine pkg/sync/syncwaves/waves.go and
 * hook/helm/weight.go).
 */
export function waveOf(obj: KubeObject): number {
  const wave = parseGoInt(annotationOf(obj, ANNOTATION.syncWave) ?? '');
  if (wave !== undefined) return wave;
  return parseGoInt(annotationOf(obj, ANNOTATION.helmHookWeight) ?? '') ?? 0;
}
