import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from './git-exec.ts';

/**
 * Materializes the files of one commit from a bare mirror into `treesDir/<sha>`: a private index file and
 * `read-tree --reset -u`, so the mirror's own state is untouched and checkouts can run beside fetches. The tree is
 * written under a temporary name and renamed into place, so a reader never sees half a tree. Files are made read-only
 * because every source and app rendering that commit shares the tree; renderers that must edit (kustomize images)
 * copy it first.
 */
export async function materializeTree(options: {
  mirrorDir: string;
  treesDir: string;
  sha: string;
  repoURL: string;
  signal?: AbortSignal | undefined;
}): Promise<string> {
  const { mirrorDir, treesDir, sha } = options;
  const target = join(treesDir, sha);
  if (await isDirectory(target)) return target;
  await mkdir(treesDir, { recursive: true });
  const scratch = await mkdtemp(join(treesDir, `.tmp-${sha.slice(0, 12)}-`));
  const work = join(scratch, 'tree');
  try {
    await mkdir(work);
    await runGit({
      args: ['--git-dir', mirrorDir, '--work-tree', work, 'read-tree', '--reset', '-u', sha],
      env: { GIT_INDEX_FILE: join(scratch, 'index') },
      repoURL: options.repoURL,
      revision: sha,
      signal: options.signal,
    });
    await makeFilesReadOnly(work);
    try {
      await rename(work, target);
    } catch (error) {
      // Another process materialized the same commit first: theirs is identical.
      if (!(await isDirectory(target))) throw error;
    }
    return target;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Files lose their write bits; directories stay writable so the cache can be cleaned up without root. */
async function makeFilesReadOnly(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await makeFilesReadOnly(path);
    } else if (entry.isFile()) {
      const { mode } = await lstat(path);
      await chmod(path, mode & ~0o222);
    }
  }
}
