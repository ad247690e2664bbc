import type { Clock } from '../clock/index.ts';
import type { Access } from './access.ts';
import type { Json } from './api/convert.ts';
import { toApiRepo, toApiUser } from './api/convert.ts';
import type { Authenticator } from './auth/authenticate.ts';
import type { PushPipeline } from './pushes.ts';
import { repoGitDir } from './repo/paths.ts';
import { listBranches } from './repo/read.ts';
import type { RepoRecord, UserRecord } from './state/model.ts';
import type { StateStore } from './state/store.ts';

/** Everything a request handler needs, created once the server listens (the base URL includes the port). */
export interface ServerContext {
  dataDir: string;
  clock: Clock;
  baseUrl: string;
  store: StateStore;
  access: Access;
  auth: Authenticator;
  pushes: PushPipeline;
  /** Aborted when the server closes. */
  signal: AbortSignal;
}

export function gitDirOf(context: ServerContext, repo: RepoRecord): string {
  const owner = context.access.userById(repo.ownerId);
  return repoGitDir(context.dataDir, owner?.login ?? String(repo.ownerId), repo.name);
}

/** A repository in Gitea's shape, with the caller's permissions and whether it has any branch yet. */
export async function repositoryJson(
  context: ServerContext,
  repo: RepoRecord,
  caller?: UserRecord,
): Promise<{ [key: string]: Json }> {
  const owner = context.access.userById(repo.ownerId);
  if (!owner) throw new Error(`repository ${repo.name} has no owner ${repo.ownerId}`);
  const branches = await listBranches(gitDirOf(context, repo), context.signal);
  const push = context.access.canWrite(caller, repo);
  return toApiRepo({
    repo,
    owner,
    baseUrl: context.baseUrl,
    empty: branches.size === 0,
    permissions: { admin: push, push, pull: context.access.canRead(caller, repo) },
  });
}

export function userJson(context: ServerContext, user: UserRecord): { [key: string]: Json } {
  return toApiUser(user, context.baseUrl);
}

/** The Gitea login of the user with this email, or '' (PayloadUser.username). */
export function usernameOf(context: ServerContext, email: string): string {
  return context.access.userByEmail(email)?.login ?? '';
}
