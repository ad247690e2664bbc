import type { ImageSettings } from '../annotations/image-settings.ts';

/** One image the updater decided to move, as the real tool's ChangeEntry. */
export interface ImageChange {
  settings: ImageSettings;
  /** The image as image-list names it, without tag (the real tool's GetFullNameWithoutTag). */
  fullName: string;
  /** The same without the registry (the real tool's ImageName). */
  imageName: string;
  oldTag: string;
  /** The tag written; for the digest strategy `<tag>@<digest>`, as GetTagWithDigest. */
  newTag: string;
  /** Digest strategy: the digest the followed tag points at. */
  newDigest?: string;
}

/** The full reference written for the new image: `name@digest` for digests, else `name:tag`. */
export function newReference(change: ImageChange): string {
  return change.newDigest ? `${change.fullName}@${change.newDigest}` : `${change.fullName}:${change.newTag}`;
}

/** The `kustomize edit set image` argument: `<kustomize.image-name>=<reference>`, or the reference alone. */
export function kustomizeArgument(change: ImageChange): string {
  const name = change.settings.kustomizeImageName;
  return name ? `${name}=${newReference(change)}` : newReference(change);
}

/** The Helm parameters set for a change (SetHelmImage): image-spec alone, or image-name and image-tag. */
export function helmParameters(change: ImageChange): { name: string; value: string }[] {
  const { helm } = change.settings;
  if (helm.imageSpec) return [{ name: helm.imageSpec, value: newReference(change) }];
  return [
    { name: helm.imageName, value: change.fullName },
    { name: helm.imageTag, value: change.newTag },
  ];
}
