import type { Random } from '../../clock/index.ts';
import type { ContainerDefinition } from './container-factory.ts';
import { KIND_NETWORK, PINNED } from './versions.ts';

export const giteaContainerName = (cluster: string) => `${cluster}-gitea`;

/** The Gitea admin the sandbox works as; its name is the owner of the world's repos (seed/addresses.ts). */
export interface GiteaAdmin {
  username: string;
  password: string;
  email: string;
}

export function giteaAdmin(random: Random): GiteaAdmin {
  return { username: 'gitops', password: `gitops-${random.suffix(16)}`, email: 'gitops@sandbox.local' };
}

/**
 * Gitea on kind's network, installed by configuration alone (INSTALL_LOCK, SQLite): no setup page. Webhooks may
 * target any host (the reconciler is on the Docker host or in the cluster, both private addresses), and
 * host.docker.internal resolves to the Docker host's gateway so webhooks reach a reconciler running on the host.
 * Argo CD's webhook endpoint is HTTPS with a self-signed certificate, hence SKIP_TLS_VERIFY.
 *
 * ROOT_URL is the base of the repository URLs in push payloads, which reconcilers match against Applications'
 * repoURL by host name: so it must name Gitea the way the reconciler does (giteaRootUrl).
 */
export function giteaContainer(cluster: string, options: { hostPort: number; rootUrl: string }): ContainerDefinition {
  const name = giteaContainerName(cluster);
  return {
    name,
    image: PINNED.giteaImage,
    network: KIND_NETWORK,
    environment: {
      USER_UID: '1000',
      USER_GID: '1000',
      GITEA__database__DB_TYPE: 'sqlite3',
      GITEA__security__INSTALL_LOCK: 'true',
      GITEA__server__HTTP_PORT: '3000',
      GITEA__server__ROOT_URL: options.rootUrl,
      GITEA__server__DISABLE_SSH: 'true',
      GITEA__service__DISABLE_REGISTRATION: 'true',
      GITEA__webhook__ALLOWED_HOST_LIST: '*',
      GITEA__webhook__SKIP_TLS_VERIFY: 'true',
      GITEA__repository__DEFAULT_BRANCH: 'main',
      GITEA__log__LEVEL: 'Warn',
    },
    ports: [{ container: 3000, host: options.hostPort }],
    extraHosts: [{ host: 'host.docker.internal', ipAddress: 'host-gateway' }],
    waitFor: { http: { path: '/api/healthz', port: 3000 } },
    labels: { 'gitops-sandbox.io/cluster': cluster, 'gitops-sandbox.io/part': 'git' },
  };
}

/** Run inside the container as `git` (Gitea refuses to run as root): create the admin, then print a token. */
export function giteaAdminCommands(admin: GiteaAdmin): { createUser: string[]; createToken: string[] } {
  return {
    createUser: [
      'gitea',
      'admin',
      'user',
      'create',
      '--admin',
      '--username',
      admin.username,
      '--password',
      admin.password,
      '--email',
      admin.email,
      '--must-change-password=false',
    ],
    createToken: [
      'gitea',
      'admin',
      'user',
      'generate-access-token',
      '--username',
      admin.username,
      '--token-name',
      'gitops-sandbox',
      '--scopes',
      'all',
      '--raw',
    ],
  };
}

export const GITEA_EXEC_USER = 'git';

/**
 * Gitea's ROOT_URL per reconciler mode: a host reconciler clones from 127.0.0.1 on the published port; in the
 * cluster (our reconciler or Argo CD) it is the container's name on the kind network.
 */
export function giteaRootUrl(o: { cluster: string; inCluster: boolean; hostPort: number }): string {
  return o.inCluster ? `http://${giteaContainerName(o.cluster)}:3000/` : `http://127.0.0.1:${o.hostPort}/`;
}
