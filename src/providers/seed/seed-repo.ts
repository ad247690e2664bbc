import type { StartedSandbox } from '../sandbox.ts';
import { repoUrl, type WorldAddresses } from './addresses.ts';
import { createRepo, ensurePushWebhook, type giteaClient } from './gitea.ts';
import { pushRepo } from './push-repo.ts';
import type { WorldRepo } from './world.ts';

export interface SeededRepo {
  name: string;
  /** Clone URL as reached from this host (no credentials). */
  url: string;
  /** Clone URL as the reconciler reaches it: the one in the Applications. */
  clusterUrl: string;
  branches: string[];
  /** The first commit every branch starts at; undefined when the repo existed already and was left alone. */
  commit: string | undefined;
  webhookId: number;
}

/**
 * One world repository: created through the Gitea API, its files pushed with the git CLI (all branches at one
 * commit dated by the sandbox clock), then a push webhook to the reconciler. A repo that already exists keeps
 * its history (a restart on a kept state dir); only the webhook is ensured.
 */
export async function seedRepo(
  sandbox: Pick<StartedSandbox, 'git' | 'reconciler' | 'clock'>,
  api: ReturnType<typeof giteaClient>,
  repo: WorldRepo,
  addresses: WorldAddresses,
  signal?: AbortSignal,
): Promise<SeededRepo> {
  const { git } = sandbox;
  const created = await createRepo(api, {
    name: repo.name,
    description: repo.description,
    defaultBranch: repo.branches[0]!,
  });
  const url = `${git.url.replace(/\/+$/, '')}/${git.username}/${repo.name}.git`;
  const commit = created
    ? await pushRepo({
        dir: repo.dir,
        remote: url,
        credentials: git,
        branches: repo.branches,
        addresses,
        date: sandbox.clock.now(),
        message: `${repo.name}: the example world of gitops-sandbox`,
        ...(signal ? { signal } : {}),
      })
    : undefined;
  const webhookId = await ensurePushWebhook(api, git.username, repo.name, sandbox.reconciler.webhookUrl);
  return {
    name: repo.name,
    url,
    clusterUrl: repoUrl(addresses, repo.name),
    branches: repo.branches,
    commit,
    webhookId,
  };
}
