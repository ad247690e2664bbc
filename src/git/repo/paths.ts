import { join } from 'node:path';

/** Bare repositories live at `{dataDir}/repos/{owner}/{name}.git`, lowercased as Gitea stores them. */
export function repoGitDir(dataDir: string, owner: string, name: string): string {
  return join(dataDir, 'repos', owner.toLowerCase(), `${name.toLowerCase()}.git`);
}

/** Rejects paths Gitea refuses: absolute, `..` or `.git` components, empty segments. */
export function isValidTreePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.endsWith('/')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && part.toLowerCase() !== '.git');
}
