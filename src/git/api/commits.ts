import { runGit } from '../repo/git.ts';
import { countCommits, listBranches, readCommits, resolveCommit } from '../repo/read.ts';
import { toApiCommit, toApiUser } from './convert.ts';
import { pageHeaders, pagination } from './fields.ts';
import { ApiError, notFound, sendJson } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';
import { repoScope } from './scope.ts';

/** Lines added and removed per commit, from one `git log --numstat`. */
async function stats(gitDir: string, shas: string[], signal: AbortSignal) {
  const result = new Map<string, { additions: number; deletions: number }>();
  if (shas.length === 0) return result;
  const out = await runGit(
    ['log', '--no-walk=unsorted', '--numstat', '--diff-merges=first-parent', '--format=\x1e%H', ...shas],
    { gitDir, signal },
  );
  for (const record of out.stdout.toString('utf8').split('\x1e')) {
    const [sha, ...lines] = record.split('\n');
    if (!sha) continue;
    let additions = 0;
    let deletions = 0;
    for (const line of lines) {
      const [added, removed] = line.split('\t');
      additions += Number(added) || 0;
      deletions += Number(removed) || 0;
    }
    result.set(sha, { additions, deletions });
  }
  return result;
}

async function listCommits(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'read');
  const { context, url } = request;
  if ((await listBranches(scope.gitDir, context.signal)).size === 0) {
    throw new ApiError(409, 'Git Repository is empty.');
  }
  const rev = url.searchParams.get('sha') || scope.repo.defaultBranch;
  const start =
    (await resolveCommit(scope.gitDir, `refs/heads/${rev}`, context.signal)) ??
    (await resolveCommit(scope.gitDir, `refs/tags/${rev}`, context.signal)) ??
    (await resolveCommit(scope.gitDir, rev, context.signal));
  if (!start) throw notFound(context.baseUrl, `object does not exist [id: ${rev}, rel_path: ]`);
  const path = url.searchParams.get('path') || undefined;
  const { page, limit } = pagination(url);
  const withStats = url.searchParams.get('stat') !== 'false';
  const withFiles = url.searchParams.get('files') !== 'false';
  const [commits, total] = await Promise.all([
    readCommits(scope.gitDir, {
      revs: [start],
      skip: (page - 1) * limit,
      limit,
      ...(path && { path }),
      signal: context.signal,
    }),
    countCommits(scope.gitDir, start, path, context.signal),
  ]);
  const numbers = withStats
    ? await stats(
        scope.gitDir,
        commits.map((c) => c.sha),
        context.signal,
      )
    : undefined;
  const userOf = (email: string) => {
    const user = context.access.userByEmail(email);
    return user ? toApiUser(user, context.baseUrl) : null;
  };
  const body = commits.map((commit) => {
    const stat = numbers?.get(commit.sha);
    return toApiCommit({
      commit,
      apiRepoUrl: scope.apiUrl,
      htmlRepoUrl: scope.htmlUrl,
      userOf,
      files: withFiles,
      ...(stat && { stats: stat }),
    });
  });
  sendJson(request.response, 200, body, pageHeaders(url, page, limit, total));
}

export const commitRoutes: Route[] = [['GET', '/repos/:owner/:repo/commits', listCommits]];
