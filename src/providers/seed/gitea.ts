import { giteaApi } from 'gitea-js';
import { SeedError } from './errors.ts';

export interface GiteaTarget {
  /** Base URL of the Gitea API as reached from this host. */
  url: string;
  token: string;
  owner: string;
}

type Api = ReturnType<typeof giteaApi>;

/** A Gitea API client over the global fetch (the embedded server and a real Gitea answer alike). */
export function giteaClient(target: GiteaTarget): Api {
  return giteaApi(target.url, { token: target.token });
}

/**
 * Creates an empty repository of the current user (no auto-init: the seeder pushes the first commit). Answers
 * `false` when it already exists, as after a restart on the same state dir: its history is the user's now.
 */
export async function createRepo(
  api: Api,
  repo: { name: string; description: string; defaultBranch: string },
): Promise<boolean> {
  try {
    await api.user.createCurrentUserRepo({
      name: repo.name,
      description: repo.description,
      default_branch: repo.defaultBranch,
      auto_init: false,
      private: false,
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 409) return false;
    throw new SeedError(
      'RepoCreateFailed',
      `creating git repository ${repo.name} through the Gitea API failed (${describe(error)}); check the git server's URL and token`,
      { cause: error },
    );
  }
}

/**
 * Adds a Gitea push webhook (JSON) to the reconciler unless one with the same URL is there: pushes then refresh
 * the matching Applications at once instead of at the next poll. Answers the hook id.
 */
export async function ensurePushWebhook(api: Api, owner: string, repo: string, url: string): Promise<number> {
  try {
    const { data: hooks } = await api.repos.repoListHooks(owner, repo);
    const existing = hooks.find((hook) => hook.config?.['url'] === url);
    if (existing?.id !== undefined) return existing.id;
    const { data } = await api.repos.repoCreateHook(owner, repo, {
      type: 'gitea',
      config: { url, content_type: 'json' },
      events: ['push'],
      active: true,
    });
    return data.id ?? 0;
  } catch (error) {
    throw new SeedError(
      'WebhookCreateFailed',
      `adding the push webhook to ${url} on ${owner}/${repo} failed (${describe(error)})`,
      { cause: error },
    );
  }
}

/** gitea-js throws the fetch Response (with `error` set to the parsed body) for non-2xx answers. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function describe(error: unknown): string {
  const status = statusOf(error);
  if (status === undefined) return error instanceof Error ? error.message : String(error);
  const body = (error as { error?: { message?: string } }).error;
  return `HTTP ${status}${body?.message ? `: ${body.message}` : ''}`;
}
