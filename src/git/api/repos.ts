import { rfc3339 } from '../../clock/index.ts';
import { repositoryJson } from '../context.ts';
import { initBareRepo, removeBareRepo } from '../repo/bare.ts';
import { repoGitDir } from '../repo/paths.ts';
import { commitFiles } from '../repo/write.ts';
import type { RepoRecord, UserRecord } from '../state/model.ts';
import { optionalBoolean, optionalString, requiredString, validName } from './fields.ts';
import { conflict, forbidden, notFound, sendJson, sendNoContent } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';
import { repoScope } from './scope.ts';

async function createRepo(request: ApiRequest, owner: UserRecord, doer: UserRecord): Promise<void> {
  const { context } = request;
  const body = await request.body();
  const name = validName(requiredString(body, 'name'), 'Name');
  if (context.access.repo(owner.login, name)) throw conflict('The repository with the same name already exists.');
  const defaultBranch = optionalString(body, 'default_branch') || 'main';
  validName(defaultBranch.replaceAll('/', '-'), 'DefaultBranch');
  const description = optionalString(body, 'description') ?? '';
  const gitDir = repoGitDir(context.dataDir, owner.login, name);
  await removeBareRepo(gitDir); // leftovers of a repository deleted while the server was down
  await initBareRepo({ gitDir, defaultBranch, signal: context.signal });
  if (optionalBoolean(body, 'auto_init')) {
    // Gitea's auto_init: one "Initial commit" with a README by the creating user, and no webhook (no hooks yet).
    const date = new Date(context.clock.now()).toISOString();
    const signature = { name: doer.fullName || doer.login, email: doer.email, date };
    await commitFiles({
      gitDir,
      branch: defaultBranch,
      changes: [
        {
          operation: 'create',
          path: 'README.md',
          content: Buffer.from(`# ${name}\n\n${description}`.trimEnd() + '\n'),
        },
      ],
      message: 'Initial commit',
      author: signature,
      committer: signature,
      signal: context.signal,
    });
  }
  const now = rfc3339(context.clock);
  const repo = await context.store.update((state) => {
    const record: RepoRecord = {
      id: state.nextId.repo++,
      ownerId: owner.id,
      name,
      description,
      private: optionalBoolean(body, 'private') ?? false,
      defaultBranch,
      created: now,
      updated: now,
    };
    state.repos.push(record);
    return record;
  });
  sendJson(request.response, 201, await repositoryJson(context, repo, doer));
}

async function createUserRepo(request: ApiRequest): Promise<void> {
  const user = request.requireUser();
  await createRepo(request, user, user);
}

async function createOrgRepo(request: ApiRequest): Promise<void> {
  const user = request.requireUser();
  const { context } = request;
  const org = context.access.user(request.params.org ?? '');
  if (org?.type !== 'org') throw notFound(context.baseUrl);
  if (!context.access.canCreateIn(user, org)) throw forbidden('Given user is not owner of organization.');
  await createRepo(request, org, user);
}

/** Admins create repositories for any user (POST /admin/users/{username}/repos). */
async function createRepoForUser(request: ApiRequest): Promise<void> {
  const user = request.requireUser();
  if (!user.isAdmin) throw forbidden('user should be the site admin');
  const owner = request.context.access.user(request.params.username ?? '');
  if (!owner) throw notFound(request.context.baseUrl);
  await createRepo(request, owner, user);
}

async function getRepo(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'read');
  sendJson(request.response, 200, await repositoryJson(request.context, scope.repo, scope.user));
}

async function deleteRepo(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const { context } = request;
  await context.store.update((state) => {
    state.repos = state.repos.filter((r) => r.id !== scope.repo.id);
    state.hooks = state.hooks.filter((h) => h.repoId !== scope.repo.id);
  });
  await removeBareRepo(scope.gitDir);
  sendNoContent(request.response);
}

export const repoRoutes: Route[] = [
  ['POST', '/user/repos', createUserRepo],
  ['POST', '/orgs/:org/repos', createOrgRepo],
  ['POST', '/admin/users/:username/repos', createRepoForUser],
  ['GET', '/repos/:owner/:repo', getRepo],
  ['DELETE', '/repos/:owner/:repo', deleteRepo],
];
