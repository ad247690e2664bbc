import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runGit } from './git.ts';

/** Creates an empty bare repository whose HEAD points at `defaultBranch`. */
export async function initBareRepo(options: { gitDir: string; defaultBranch: string; signal?: AbortSignal }) {
  await mkdir(dirname(options.gitDir), { recursive: true });
  await runGit(['init', '--quiet', '--bare', `--initial-branch=${options.defaultBranch}`, options.gitDir], {
    gitDir: options.gitDir,
    signal: options.signal,
  });
}

export async function removeBareRepo(gitDir: string): Promise<void> {
  await rm(gitDir, { recursive: true, force: true });
}

/** Points HEAD at another branch (Gitea's default_branch). */
export async function setHead(gitDir: string, branch: string, signal?: AbortSignal): Promise<void> {
  await runGit(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { gitDir, signal });
}
