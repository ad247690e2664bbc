/**
 * The files in sandbox/world name the registry and the git server with fixed, canonical addresses so they stay
 * valid YAML that renders as is; the real addresses differ per run (free ports) and per provider. The seeder
 * rewrites these prefixes when it pushes the files.
 */
export const CANONICAL_REGISTRY = 'localhost:5001';
/** The git user every world repo belongs to in canonical URLs: `http://gitea.sandbox.local/gitops/<repo>.git`. */
export const CANONICAL_GIT_OWNER = 'gitops';
export const CANONICAL_GIT_URL = 'http://gitea.sandbox.local';

export interface WorldAddresses {
  /** `host:port` that image references use, e.g. `127.0.0.1:41234` (StartedSandbox.registry.host). */
  registryHost: string;
  /** Git base URL as the reconciler reaches it (StartedSandbox.git.clusterUrl), without a trailing slash. */
  gitUrl: string;
  /** The owner of the world's repos on the git server (StartedSandbox.git.username). */
  gitOwner: string;
}

/**
 * Replaces the canonical registry (`localhost:5001/`) and git (`http://gitea.sandbox.local/gitops/`) prefixes.
 * Only whole prefixes followed by `/` are replaced, so `localhost:50011` or another owner stay untouched.
 */
export function rewriteAddresses(text: string, to: WorldAddresses): string {
  const gitFrom = `${CANONICAL_GIT_URL}/${CANONICAL_GIT_OWNER}/`;
  const gitTo = `${to.gitUrl.replace(/\/+$/, '')}/${to.gitOwner}/`;
  return text.replaceAll(gitFrom, gitTo).replaceAll(`${CANONICAL_REGISTRY}/`, `${to.registryHost}/`);
}

/** The clone URL (as the cluster reaches it) of a world repository. */
export function repoUrl(to: WorldAddresses, repo: string): string {
  return `${to.gitUrl.replace(/\/+$/, '')}/${to.gitOwner}/${repo}.git`;
}
