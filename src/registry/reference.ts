import { isDigest } from './digest.ts';
import { RegistryError } from './errors.ts';

export interface ImageReference {
  /** Registry host (with port when given), `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry, with `library/` added for official Docker Hub images. */
  repository: string;
  /** Absent when the reference names neither tag nor digest: pull `latest` then, as Docker does. */
  tag?: string;
  digest?: string;
}

export const dockerHub = 'docker.io';
const componentGrammar = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const tagGrammar = /^[\w][\w.-]{0,127}$/;

/**
 * Parses an image reference the way Docker normalises it: `nginx` → docker.io/library/nginx, `127.0.0.1:5000/app:v1`
 * → registry 127.0.0.1:5000. The first path component is a registry when it contains `.` or `:` or is `localhost`.
 */
export function parseImageReference(ref: string): ImageReference {
  const invalid = (why: string) =>
    new RegistryError({
      code: 'INVALID_IMAGE_REFERENCE',
      message: `invalid image reference "${ref}": ${why}; write it as [registry/]repository[:tag][@digest], e.g. 127.0.0.1:5000/app:v1`,
      reference: ref,
    });
  let rest = ref.trim();
  if (rest === '') throw invalid('it is empty');

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw invalid(`"${digest}" is not a digest`);
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagGrammar.test(tag)) throw invalid(`"${tag}" is not a valid tag`);
  }

  let registry = dockerHub;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      repository = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = dockerHub;
  if (registry === dockerHub && !repository.includes('/')) repository = `library/${repository}`;
  if (!repository.split('/').every((c) => componentGrammar.test(c))) {
    throw invalid(`repository "${repository}" must be lowercase path components of letters, digits and . _ -`);
  }
  if (repository.length > 255) throw invalid('the repository name is longer than 255 characters');

  const parsed: ImageReference = { registry, repository };
  if (tag !== undefined) parsed.tag = tag;
  if (digest !== undefined) parsed.digest = digest;
  return parsed;
}

/** The tag or digest to ask a registry for: the digest wins, then the tag, then `latest`. */
export function referenceOf(image: ImageReference): string {
  return image.digest ?? image.tag ?? 'latest';
}

/** Formats a parsed reference back into its full form, e.g. `docker.io/library/nginx:1.27`. */
export function formatImageReference(image: ImageReference): string {
  return `${image.registry}/${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
}

/** Whether `name` is a valid repository name (path components as the distribution spec allows). */
export function isRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name.split('/').every((c) => componentGrammar.test(c));
}

export function isTag(value: string): boolean {
  return tagGrammar.test(value);
}
