import { gitDirOf } from '../context.ts';
import type { RepoRecord, UserRecord } from '../state/model.ts';
import { ApiError, notFound, unauthorized } from './respond.ts';
import type { ApiRequest } from './router.ts';

export interface RepoScope {
  repo: RepoRecord;
  owner: UserRecord;
  user: UserRecord | undefined;
  gitDir: string;
  fullName: string;
  /** `{base}/api/v1/repos/{owner}/{repo}` */
  apiUrl: string;
  /** `{base}/{owner}/{repo}` */
  htmlUrl: string;
}

/**
 * Loads `:owner/:repo` for the caller. A repository the caller may not read is a 404 (Gitea hides it); one it may
 * read but not change answers 401 to anonymous callers and 403 to others.
 */
export function repoScope(request: ApiRequest, need: 'read' | 'write'): RepoScope {
  const { context, params } = request;
  const found = context.access.repo(params.owner ?? '', params.repo ?? '');
  const user = request.caller.kind === 'user' ? request.caller.user : undefined;
  if (!found || !context.access.canRead(user, found.repo)) {
    if (!user && found === undefined && need === 'write') throw unauthorized();
    throw notFound(context.baseUrl);
  }
  if (need === 'write' && !context.access.canWrite(user, found.repo)) {
    if (!user) throw unauthorized();
    throw new ApiError(403, 'user should have a permission to write to a repo');
  }
  const fullName = `${found.owner.login}/${found.repo.name}`;
  return {
    repo: found.repo,
    owner: found.owner,
    user,
    gitDir: gitDirOf(context, found.repo),
    fullName,
    apiUrl: `${context.baseUrl}/api/v1/repos/${fullName}`,
    htmlUrl: `${context.baseUrl}/${fullName}`,
  };
}
