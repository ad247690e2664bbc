import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RenderError } from './errors.ts';

/** True when `path` is `root` or inside it (Argo CD `files.Inbound`). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The directory of `source.path` inside a repository tree. Like Argo CD (`argopath.Path`), the path must stay inside
 * the repository, symlinks included, and must exist.
 */
export async function appDirectory(repoRoot: string, sourcePath: string | undefined): Promise<string> {
  const root = await realpath(repoRoot);
  const requested = resolve(root, join('.', sourcePath ?? '.'));
  if (!isInside(requested, root)) {
    throw new RenderError('PathNotFound', `spec.source.path '${sourcePath}' points outside the repository`);
  }
  let real: string;
  try {
    real = await realpath(requested);
  } catch (cause) {
    throw new RenderError(
      'PathNotFound',
      `spec.source.path '${sourcePath}' does not exist in the repository at this revision; check the path and revision`,
      { cause },
    );
  }
  if (!isInside(real, root)) {
    throw new RenderError('PathNotFound', `spec.source.path '${sourcePath}' resolves outside the repository`);
  }
  return real;
}
