/** Annotation prefix of Argo CD Image Updater's annotation model (IU ≤ 0.x, `useAnnotations` in 1.x). */
export const PREFIX = 'argocd-image-updater.argoproj.io/';

export const IMAGE_LIST = `${PREFIX}image-list`;
export const WRITE_BACK_METHOD = `${PREFIX}write-back-method`;
export const WRITE_BACK_TARGET = `${PREFIX}write-back-target`;
export const GIT_BRANCH = `${PREFIX}git-branch`;
export const GIT_REPOSITORY = `${PREFIX}git-repository`;

/** Per-image settings; each may also be given without an alias as the application-wide default. */
export type ImageSettingKey =
  | 'update-strategy'
  | 'allow-tags'
  | 'ignore-tags'
  | 'force-update'
  | 'pull-secret'
  | 'platforms'
  | 'helm.image-name'
  | 'helm.image-tag'
  | 'helm.image-spec'
  | 'kustomize.image-name';

/** The annotation key of a per-image setting: a `/` in an alias becomes `_`, as the real tool normalises it. */
export function imageKey(alias: string | undefined, key: ImageSettingKey): string {
  return alias ? `${PREFIX}${alias.replaceAll('/', '_')}.${key}` : `${PREFIX}${key}`;
}

/** The alias's own value, else the application-wide default. */
export function imageSetting(
  annotations: Record<string, string>,
  alias: string | undefined,
  key: ImageSettingKey,
): { value: string; key: string } | undefined {
  for (const candidate of alias ? [imageKey(alias, key), imageKey(undefined, key)] : [imageKey(undefined, key)]) {
    const value = annotations[candidate];
    if (value !== undefined) return { value: value.trim(), key: candidate };
  }
  return undefined;
}
