import { RenderError } from './errors.ts';

/** One `images:` entry of a kustomization. */
export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** kustomize `edit set image`: a tag is alphanumerics, `.`, `_`, `-`, or `*` (keep the current value). */
const TAG_PATTERN = /^(.*):([a-zA-Z0-9._-]*|\*)$/;
const PRESERVE = '*';

/**
 * Parses one argument of `kustomize edit set image` (kustomize/commands/edit/set/setimage.go), the format of
 * `spec.source.kustomize.images`: `name=newName:tag`, `name=newName@digest`, `name=newName`, `name:tag`,
 * `name@digest`.
 */
export function parseImageArgument(argument: string): KustomizeImage {
  const parts = argument.split('=');
  if (parts.length === 2) {
    const overwrite = parseOverwrite(parts[1]!, true, argument);
    return clean({ name: parts[0]!, newName: overwrite.name, newTag: overwrite.tag, digest: overwrite.digest });
  }
  const overwrite = parseOverwrite(argument, false, argument);
  return clean({ name: overwrite.name ?? '', newTag: overwrite.tag, digest: overwrite.digest });
}

function parseOverwrite(
  text: string,
  nameAlone: boolean,
  argument: string,
): { name?: string; tag?: string; digest?: string } {
  const at = text.split('@');
  if (at.length > 1) return { name: at[0]!, digest: at[1]! };
  const tagged = TAG_PATTERN.exec(text);
  if (tagged) return { name: tagged[1]!, tag: tagged[2]! };
  if (text.length > 0 && nameAlone) return { name: text };
  throw new RenderError(
    'InvalidSource',
    `spec.source.kustomize.images: invalid image '${argument}'; use <image>=<newimage>:<newtag>, <image>=<newimage>@<digest>, <image>=<newimage>, <image>:<newtag> or <image>@<digest>`,
  );
}

/**
 * `kustomize edit set image` on an `images:` list: an argument replaces the entry of the same name (fields given as
 * `*` keep the entry's value), other entries stay, and the result is sorted by name.
 */
export function setImages(existing: KustomizeImage[], argumentsList: string[]): KustomizeImage[] {
  const byName = new Map<string, KustomizeImage>();
  for (const argument of argumentsList) {
    const image = parseImageArgument(argument);
    byName.set(image.name, image);
  }
  for (const current of existing) {
    const update = byName.get(current.name);
    if (!update) {
      byName.set(current.name, current);
      continue;
    }
    byName.set(
      current.name,
      clean({
        name: current.name,
        newName: update.newName === PRESERVE ? current.newName : update.newName,
        newTag: update.newTag === PRESERVE ? current.newTag : update.newTag,
        digest: update.digest === PRESERVE ? current.digest : update.digest,
      }),
    );
  }
  return [...byName.values()]
    .map((image) =>
      clean({
        name: image.name,
        newName: image.newName === PRESERVE ? undefined : image.newName,
        newTag: image.newTag === PRESERVE ? undefined : image.newTag,
        digest: image.digest === PRESERVE ? undefined : image.digest,
      }),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function clean(image: {
  name: string;
  newName?: string | undefined;
  newTag?: string | undefined;
  digest?: string | undefined;
}): KustomizeImage {
  const out: KustomizeImage = { name: image.name };
  if (image.newName) out.newName = image.newName;
  if (image.newTag) out.newTag = image.newTag;
  if (image.digest) out.digest = image.digest;
  return out;
}
