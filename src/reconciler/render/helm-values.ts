import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { RenderError } from './errors.ts';
import { isInside } from './paths.ts';
import type { RefSourceTree } from './types.ts';

/** Schemes Argo CD allows for remote values files by default (`helm.valuesFileSchemes`). */
const REMOTE_SCHEMES = new Set(['http:', 'https:']);

/**
 * Resolves `helm.valueFiles` as Argo CD's `getResolvedValueFiles`: `$<ref>/path` from the root of the ref source's
 * tree (multi-source apps), an http(s) URL as is, an absolute path from the repository root, anything else from the
 * source path; every local file must stay inside its repository. Missing files are skipped with
 * `ignoreMissingValueFiles`, else reported here rather than as helm's "no such file".
 */
export async function resolveValueFiles(options: {
  valueFiles: string[];
  appPath: string;
  repoRoot: string;
  refSources: Record<string, RefSourceTree> | undefined;
  ignoreMissing: boolean;
}): Promise<string[]> {
  const resolved: string[] = [];
  for (const raw of options.valueFiles) {
    let root = options.repoRoot;
    let base = options.appPath;
    let path = raw;
    if (raw.startsWith('$')) {
      const refName = raw.split('/')[0]!;
      const ref = options.refSources?.[refName] ?? options.refSources?.[refName.slice(1)];
      if (ref) {
        root = await realpath(ref.repo);
        base = root;
        path = raw.slice(refName.length).replace(/^\/+/, '');
      }
    } else if (isRemote(raw)) {
      resolved.push(raw);
      continue;
    }
    const full = isAbsolute(path) ? join(root, path) : resolve(base, path);
    if (!isInside(full, root) || !(await insideAfterSymlinks(full, root))) {
      throw new RenderError('ValueFileNotFound', `value file '${raw}' resolved to outside repository root`);
    }
    if (!(await exists(full))) {
      if (options.ignoreMissing) continue;
      throw new RenderError(
        'ValueFileNotFound',
        `helm value file '${raw}' does not exist in the repository at this revision; fix spec.source.helm.valueFiles or set ignoreMissingValueFiles: true`,
      );
    }
    resolved.push(full);
  }
  return resolved;
}

function isRemote(value: string): boolean {
  try {
    return REMOTE_SCHEMES.has(new URL(value).protocol);
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function insideAfterSymlinks(path: string, root: string): Promise<boolean> {
  try {
    return isInside(await realpath(path), root);
  } catch {
    return true; // missing: reported as such by the caller
  }
}
