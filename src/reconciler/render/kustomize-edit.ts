import { RenderError } from './errors.ts';
import { type KustomizeImage, setImages } from './kustomize-images.ts';
import type { KustomizeSource } from './types.ts';

/** True when the source asks for edits Argo CD makes with `kustomize edit` before building. */
export function needsEdits(kustomize: KustomizeSource | undefined): boolean {
  if (!kustomize) return false;
  return Boolean(
    kustomize.namePrefix ||
      kustomize.nameSuffix ||
      kustomize.images?.length ||
      kustomize.replicas?.length ||
      Object.keys(kustomize.commonLabels ?? {}).length ||
      Object.keys(kustomize.commonAnnotations ?? {}).length ||
      kustomize.namespace,
  );
}

/**
 * Applies `spec.source.kustomize` to a parsed kustomization in the order Argo CD runs `kustomize edit`
 * (util/kustomize/kustomize.go `Build`): set nameprefix, set namesuffix, set image, set replicas, add label, add
 * annotation, set namespace. Labels and annotations that already exist are an error unless forced, as
 * `kustomize edit add label` without `--force` refuses them.
 */
export function editKustomization(kustomization: Record<string, unknown>, kustomize: KustomizeSource): void {
  if (kustomize.namePrefix) kustomization['namePrefix'] = kustomize.namePrefix;
  if (kustomize.nameSuffix) kustomization['nameSuffix'] = kustomize.nameSuffix;
  if (kustomize.images?.length) {
    const existing = Array.isArray(kustomization['images']) ? (kustomization['images'] as KustomizeImage[]) : [];
    kustomization['images'] = setImages(existing, kustomize.images);
  }
  if (kustomize.replicas?.length) {
    const replicas = Array.isArray(kustomization['replicas'])
      ? (kustomization['replicas'] as { name: string; count: number }[])
      : [];
    for (const { name, count } of kustomize.replicas) {
      const value = Number(count);
      if (!Number.isInteger(value)) {
        throw new RenderError('InvalidSource', `spec.source.kustomize.replicas: count of '${name}' must be an integer`);
      }
      const index = replicas.findIndex((entry) => entry.name === name);
      if (index >= 0) replicas[index] = { name, count: value };
      else replicas.push({ name, count: value });
    }
    kustomization['replicas'] = replicas;
  }
  addMap(kustomization, 'commonLabels', kustomize.commonLabels, kustomize.forceCommonLabels, 'label');
  addMap(
    kustomization,
    'commonAnnotations',
    kustomize.commonAnnotations,
    kustomize.forceCommonAnnotations,
    'annotation',
  );
  if (kustomize.namespace) kustomization['namespace'] = kustomize.namespace;
}

function addMap(
  kustomization: Record<string, unknown>,
  field: string,
  entries: Record<string, string> | undefined,
  force: boolean | undefined,
  what: string,
): void {
  if (!entries || Object.keys(entries).length === 0) return;
  const current = (kustomization[field] ?? {}) as Record<string, string>;
  for (const [key, value] of Object.entries(entries)) {
    if (key in current && !force) {
      throw new RenderError(
        'InvalidSource',
        `kustomize edit add ${what}: ${what} ${key} already in kustomization file; set force${field === 'commonLabels' ? 'CommonLabels' : 'CommonAnnotations'}: true to override it`,
      );
    }
    current[key] = value;
  }
  kustomization[field] = current;
}
