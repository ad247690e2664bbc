import type { KubeObject } from '../kube/object.ts';
import type { ClusterClient } from '../reconciler/cluster/index.ts';
import { normalizeRepoURL } from '../reconciler/repo/index.ts';
import type { Credentials } from './registry/credentials.ts';

type Secret = KubeObject & { data?: Record<string, string> };

const LABEL = 'argocd.argoproj.io/secret-type';

/**
 * `git:repocreds` as the real tool resolves it: Argo CD's repository Secrets in the namespace — a `repository`
 * Secret whose `url` is the repo, else the `repo-creds` template with the longest matching `url` prefix.
 */
export function repositorySecretCredentials(
  client: ClusterClient,
  namespace: string,
): (repoURL: string) => Promise<Credentials | undefined> {
  return async (repoURL) => {
    const { items } = await client.list<Secret>('v1', 'Secret', { namespace, labelSelector: LABEL });
    const read = (secret: Secret, key: string) => {
      const value = secret.data?.[key];
      return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
    };
    const wanted = normalizeRepoURL(repoURL);
    const withCredentials = (secret: Secret) => {
      const username = read(secret, 'username');
      const password = read(secret, 'password');
      return username !== undefined && password !== undefined ? { username, password } : undefined;
    };
    const exact = items.find(
      (s) => s.metadata.labels?.[LABEL] === 'repository' && normalizeRepoURL(read(s, 'url') ?? '') === wanted,
    );
    if (exact) return withCredentials(exact);
    const template = items
      .filter(
        (s) =>
          s.metadata.labels?.[LABEL] === 'repo-creds' && wanted.startsWith(normalizeRepoURL(read(s, 'url') ?? '\0')),
      )
      .sort((a, b) => (read(b, 'url') ?? '').length - (read(a, 'url') ?? '').length)[0];
    return template ? withCredentials(template) : undefined;
  };
}
