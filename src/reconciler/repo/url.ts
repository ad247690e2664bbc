import { createHash } from 'node:crypto';

/** Basic-auth credentials for an HTTP(S) repository. */
export interface RepoCredentials {
  username: string;
  password: string;
}

/** Splits `https://user:pass@host/path` into the URL without userinfo and the credentials it carried. */
export function splitCredentials(repoURL: string): { url: string; credentials: RepoCredentials | undefined } {
  let parsed: URL;
  try {
    parsed = new URL(repoURL);
  } catch {
    // scp-like `git@host:path` or a local path: nothing to strip.
    return { url: repoURL, credentials: undefined };
  }
  if (!parsed.username && !parsed.password) return { url: repoURL, credentials: undefined };
  const credentials = {
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, credentials };
}

/**
 * The identity of a repository, as Argo CD's `git.NormalizeGitURL`: lower case, no `.git` suffix, no trailing slash,
 * no credentials. Two spellings of one repo share one mirror.
 */
export function normalizeRepoURL(repoURL: string): string {
  const { url } = splitCredentials(repoURL.trim());
  return url
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** A file-system-safe directory name for a repository's mirror. */
export function mirrorKey(repoURL: string): string {
  const normalized = normalizeRepoURL(repoURL);
  const readable = normalized
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/[^a-z0-9._-]+/g, '_')
    .slice(-60);
  const hash = createHash('sha256').update(normalized).digest('hex').slice(0, 16);
  return `${readable}-${hash}`;
}
