import { type ImageReference, parseImageReference } from '../../registry/index.ts';
import { IMAGE_LIST } from './keys.ts';

/** One entry of `image-list`: `[<alias>=]<image>[:<constraint>]`. */
export interface ImageListEntry {
  alias?: string;
  /** The image as written, without the constraint, e.g. `127.0.0.1:5000/letsgo/backend`. */
  name: string;
  image: ImageReference;
  /** A semver constraint (`~1.0`), or the tag to follow for the digest strategy. */
  constraint?: string;
}

export interface ImageListProblem {
  annotation: string;
  entry: string;
  message: string;
}

/**
 * Parses the comma-separated `image-list`. The constraint is everything after the last `:` of the last path
 * component, since constraints (`~1.0`, `>=1.2 <2`) are not valid tags. A bad entry is reported and skipped; the
 * others still count.
 */
export function parseImageList(value: string): { entries: ImageListEntry[]; problems: ImageListProblem[] } {
  const entries: ImageListEntry[] = [];
  const problems: ImageListProblem[] = [];
  for (const raw of value.split(',')) {
    const text = raw.trim();
    if (text === '') continue;
    const eq = text.indexOf('=');
    const alias = eq > 0 ? text.slice(0, eq).trim() : undefined;
    let rest = eq > 0 ? text.slice(eq + 1).trim() : text;
    let constraint: string | undefined;
    const colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      constraint = rest.slice(colon + 1).trim();
      rest = rest.slice(0, colon);
    }
    try {
      const image = parseImageReference(rest);
      if (image.digest) throw new Error('a digest cannot be given in image-list');
      const entry: ImageListEntry = { name: rest, image };
      if (alias) entry.alias = alias;
      if (constraint) entry.constraint = constraint;
      entries.push(entry);
    } catch (error) {
      problems.push({
        annotation: IMAGE_LIST,
        entry: text,
        message: `${IMAGE_LIST}: entry '${text}' is not an image: ${error instanceof Error ? error.message : String(error)}; write [<alias>=]<registry>/<repository>[:<constraint>]`,
      });
    }
  }
  return { entries, problems };
}
