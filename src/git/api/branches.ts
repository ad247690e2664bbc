import { usernameOf } from '../context.ts';
import { runGit } from '../repo/git.ts';
import { toPushCommit } from '../repo/push.ts';
import { listBranches, readCommits, resolveCommit } from '../repo/read.ts';
import { ZERO_SHA } from '../types.ts';
import { type Json, toPayloadCommit } from './convert.ts';
import { optionalString, pageHeaders, pagination, requiredString } from './fields.ts';
import { ApiError, conflict, notFound, sendJson } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';
import { type RepoScope, repoScope } from './scope.ts';

/** Branches in Gitea's shape (structs.Branch), their head commits read with one `git log`. */
async function branchesJson(
  request: ApiRequest,
  scope: RepoScope,
  heads: [string, string][],
): Promise<{ [key: string]: Json }[]> {
  const { context } = request;
  const commits = await readCommits(scope.gitDir, {
    revs: [...new Set(heads.map(([, sha]) => sha))],
    noWalk: true,
    signal: context.signal,
  });
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const push = context.access.canWrite(scope.user, scope.repo);
  return heads.map(([name, sha]) => {
    const commit = bySha.get(sha);
    return {
      name,
      commit: commit
        ? toPayloadCommit(toPushCommit(commit), scope.htmlUrl, (email) => usernameOf(context, email))
        : null,
      protected: false,
      required_approvals: 0,
      enable_status_check: false,
      status_check_contexts: [],
      user_can_push: push,
      user_can_merge: push,
      effective_branch_protection_name: '',
    };
  });
}

async function listBranchesRoute(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'read');
  const { page, limit } = pagination(request.url);
  const all = [...(await listBranches(scope.gitDir, request.context.signal))];
  const slice = all.slice((page - 1) * limit, page * limit);
  const headers = pageHeaders(request.url, page, limit, all.length);
  sendJson(request.response, 200, await branchesJson(request, scope, slice), headers);
}

async function getBranch(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'read');
  const name = request.params.filepath ?? '';
  const sha = await resolveCommit(scope.gitDir, `refs/heads/${name}`, request.context.signal);
  if (!sha) throw notFound(request.context.baseUrl, `branch does not exist [name: ${name}]`);
  const [branch] = await branchesJson(request, scope, [[name, sha]]);
  sendJson(request.response, 200, branch ?? null);
}

async function createBranch(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const { context } = request;
  const body = await request.body();
  const name = requiredString(body, 'new_branch_name', 'BranchName');
  const check = await runGit(['check-ref-format', '--branch', name], { gitDir: scope.gitDir, okCodes: [1, 128] });
  if (check.code !== 0) throw new ApiError(422, `[BranchName]: GitRefName`);
  const from =
    optionalString(body, 'old_ref_name') || optionalString(body, 'old_branch_name') || scope.repo.defaultBranch;
  const source =
    (await resolveCommit(scope.gitDir, `refs/heads/${from}`, context.signal)) ??
    (await resolveCommit(scope.gitDir, `refs/tags/${from}`, context.signal)) ??
    (/^[0-9a-f]{7,40}$/.test(from) ? await resolveCommit(scope.gitDir, from, context.signal) : undefined);
  if (!source) throw notFound(context.baseUrl, 'The old branch does not exist');
  if (await resolveCommit(scope.gitDir, `refs/heads/${name}`, context.signal)) {
    throw conflict('The branch already exists.');
  }
  try {
    await runGit(['update-ref', `refs/heads/${name}`, source, ZERO_SHA], { gitDir: scope.gitDir });
  } catch {
    throw conflict('The branch already exists.');
  }
  // Gitea creates branches by pushing into the repository, so hooks see a push.
  await context.pushes.publish({
    repo: scope.repo,
    updates: [{ ref: `refs/heads/${name}`, before: ZERO_SHA, after: source }],
    pusher: request.requireUser(),
    source: 'api',
  });
  const [branch] = await branchesJson(request, scope, [[name, source]]);
  sendJson(request.response, 201, branch ?? null);
}

export const branchRoutes: Route[] = [
  ['GET', '/repos/:owner/:repo/branches', listBranchesRoute],
  ['POST', '/repos/:owner/:repo/branches', createBranch],
  ['GET', '/repos/:owner/:repo/branches/*', getBranch],
];
