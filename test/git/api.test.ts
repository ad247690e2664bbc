import test from 'ava';
import { giteaApi } from 'gitea-js';
import { ADMIN, basic, startTestServer } from './helpers.ts';

/** The HTTP status and Gitea error body of a gitea-js call that is expected to fail. */
async function failure(call: Promise<unknown>): Promise<{ status: number; body: { message?: string; url?: string } }> {
  try {
    await call;
  } catch (error) {
    const response = error as Response & { error: { message?: string; url?: string } };
    return { status: response.status, body: response.error };
  }
  throw new Error('expected the call to fail');
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

test.serial('version, users, tokens and auth variants', async (t) => {
  const { server } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  t.deepEqual((await giteaApi(server.url).version.getVersion()).data, { version: '1.23.1' });

  const created = await api.admin.adminCreateUser({
    username: 'alice',
    email: 'alice@example.com',
    password: 'alice-password',
    full_name: 'Alice',
    must_change_password: false,
  });
  t.is(created.status, 201);
  t.like(created.data, { login: 'alice', email: 'alice@example.com', full_name: 'Alice', is_admin: false });
  const duplicate = await failure(
    api.admin.adminCreateUser({ username: 'alice', email: 'a2@example.com', password: 'x' }),
  );
  t.is(duplicate.status, 422);
  t.is(duplicate.body.message, 'user already exists [name: alice]');
  t.is((await failure(api.admin.adminCreateUser({ username: '', email: 'e@example.com' }))).status, 422);

  // Tokens need basic auth with the password; a token is not enough.
  const alice = giteaApi(server.url);
  const token = await alice.users.userCreateToken(
    'alice',
    { name: 'ci', scopes: ['write:repository'] },
    { headers: { Authorization: basic('alice', 'alice-password') } },
  );
  t.is(token.status, 201);
  t.regex(token.data.sha1 ?? '', /^[0-9a-f]{40}$/);
  t.is(token.data.token_last_eight, token.data.sha1?.slice(-8));
  t.is((await failure(api.users.userCreateToken('alice', { name: 'x' }))).status, 401);
  t.is(
    (
      await failure(
        alice.users.userCreateToken(
          'alice',
          { name: 'ci' },
          { headers: { Authorization: basic('alice', 'alice-password') } },
        ),
      )
    ).status,
    400,
  );

  // Non-admins may not create users.
  const asAlice = giteaApi(server.url, { token: token.data.sha1 ?? '' });
  const denied = await failure(
    asAlice.admin.adminCreateUser({ username: 'eve', email: 'eve@example.com', password: 'x' }),
  );
  t.is(denied.status, 403);

  // Every way Gitea accepts credentials.
  const me = async (init: RequestInit, query = '') =>
    (await (await fetch(`${server.url}/api/v1/user${query}`, init)).json()) as { login?: string };
  const aliceToken = token.data.sha1 ?? '';
  t.is((await me({ headers: { Authorization: `token ${aliceToken}` } })).login, 'alice');
  t.is((await me({ headers: { Authorization: `Bearer ${aliceToken}` } })).login, 'alice');
  t.is((await me({ headers: { Authorization: basic('alice', 'alice-password') } })).login, 'alice');
  t.is((await me({ headers: { Authorization: basic('alice', aliceToken) } })).login, 'alice');
  t.is((await me({}, `?token=${aliceToken}`)).login, 'alice');
  t.is((await fetch(`${server.url}/api/v1/user`)).status, 401);
  t.is((await fetch(`${server.url}/api/v1/user`, { headers: { Authorization: 'token nope' } })).status, 401);
  t.is((await me({ headers: { Authorization: basic(ADMIN.username, ADMIN.password) } })).login, 'admin');
});

test.serial('repositories for users and orgs; unknown endpoints are Gitea 404s', async (t) => {
  const { server } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  const repo = await api.user.createCurrentUserRepo({
    name: 'app',
    auto_init: true,
    default_branch: 'trunk',
    description: 'demo',
    private: true,
  });
  t.is(repo.status, 201);
  t.like(repo.data, {
    name: 'app',
    full_name: 'admin/app',
    default_branch: 'trunk',
    private: true,
    empty: false,
    clone_url: `${server.url}/admin/app.git`,
    html_url: `${server.url}/admin/app`,
    permissions: { admin: true, push: true, pull: true },
  });
  t.is(repo.data.owner?.login, 'admin');
  t.is((await failure(api.user.createCurrentUserRepo({ name: 'app' }))).status, 409);
  t.is((await failure(api.user.createCurrentUserRepo({ name: 'bad name!' }))).status, 422);
  t.is((await api.repos.repoGet('admin', 'app')).data.id, repo.data.id);
  // A private repository is hidden from anonymous callers.
  t.is((await failure(giteaApi(server.url).repos.repoGet('admin', 'app'))).status, 404);

  const empty = await api.user.createCurrentUserRepo({ name: 'empty' });
  t.like(empty.data, { empty: true, default_branch: 'main', private: false });

  const org = await api.orgs.orgCreate({ username: 'platform', full_name: 'Platform team' });
  t.is(org.status, 201);
  t.like(org.data, { name: 'platform', full_name: 'Platform team', visibility: 'public' });
  t.is((await failure(api.orgs.orgCreate({ username: 'platform' }))).status, 422);
  t.is((await api.orgs.orgGet('platform')).data.id, org.data.id);
  const orgRepo = await api.orgs.createOrgRepo('platform', { name: 'gitops', auto_init: true });
  t.is(orgRepo.status, 201);
  t.like(orgRepo.data, { full_name: 'platform/gitops', clone_url: `${server.url}/platform/gitops.git` });
  t.is((await failure(api.orgs.createOrgRepo('nobody', { name: 'x' }))).status, 404);

  const unknown = await fetch(`${server.url}/api/v1/repos/admin/app/unknown-thing`, {
    headers: { Authorization: `token ${server.token}` },
  });
  t.is(unknown.status, 404);
  t.like(await unknown.json(), { message: 'Not Found' });
  const missing = await failure(api.repos.repoGet('admin', 'nope'));
  t.is(missing.status, 404);
  t.is(missing.body.message, "The target couldn't be found.");
});

test.serial('branches, file contents and commits', async (t) => {
  const { server } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });

  const created = await api.repos.repoCreateFile('admin', 'app', 'apps/web/values.yaml', {
    content: b64('image: web:1\n'),
    message: 'add values',
    author: { name: 'Dev', email: 'dev@example.com' },
  });
  t.is(created.status, 201);
  t.like(created.data.content, { path: 'apps/web/values.yaml', name: 'values.yaml', type: 'file' });
  t.like(created.data.commit, { message: 'add values\n', author: { name: 'Dev', email: 'dev@example.com' } });
  const blobSha = created.data.content?.sha ?? '';
  t.is(
    (await failure(api.repos.repoCreateFile('admin', 'app', 'apps/web/values.yaml', { content: b64('x') }))).status,
    422,
  );

  const file = await api.repos.repoGetContents('admin', 'app', 'apps/web/values.yaml');
  t.is(Buffer.from(file.data.content ?? '', 'base64').toString(), 'image: web:1\n');
  t.is(file.data.sha, blobSha);
  t.is(file.data.last_commit_sha, created.data.commit?.sha);
  const dir = (await api.repos.repoGetContents('admin', 'app', 'apps/web')).data as unknown as { name: string }[];
  t.deepEqual(
    dir.map((e) => e.name),
    ['values.yaml'],
  );
  const root = (await api.repos.repoGetContentsList('admin', 'app')).data;
  t.deepEqual(root.map((e) => `${e.name}:${e.type}`).sort(), ['README.md:file', 'apps:dir']);
  t.is((await failure(api.repos.repoGetContents('admin', 'app', 'missing.txt'))).status, 404);

  const stale = await failure(
    api.repos.repoUpdateFile('admin', 'app', 'apps/web/values.yaml', { content: b64('x'), sha: '0'.repeat(40) }),
  );
  t.is(stale.status, 422);
  t.regex(stale.body.message ?? '', /sha does not match/);
  const updated = await api.repos.repoUpdateFile('admin', 'app', 'apps/web/values.yaml', {
    content: b64('image: web:2\n'),
    sha: blobSha,
    message: 'bump web',
  });
  t.is(updated.status, 200);
  t.not(updated.data.content?.sha, blobSha);

  // new_branch commits onto a new branch, leaving the base alone.
  const onBranch = await api.repos.repoCreateFile('admin', 'app', 'feature.txt', {
    content: b64('f\n'),
    new_branch: 'feature',
  });
  t.is(onBranch.status, 201);
  t.is((await failure(api.repos.repoGetContents('admin', 'app', 'feature.txt'))).status, 404);
  t.is((await api.repos.repoGetContents('admin', 'app', 'feature.txt', { ref: 'feature' })).status, 200);
  t.is(
    (await failure(api.repos.repoCreateFile('admin', 'app', 'x.txt', { content: b64('x'), branch: 'nope' }))).status,
    404,
  );

  const deleteStale = await failure(api.repos.repoDeleteFile('admin', 'app', 'README.md', { sha: 'f'.repeat(40) }));
  t.is(deleteStale.status, 422);
  const readme = await api.repos.repoGetContents('admin', 'app', 'README.md');
  const deleted = await api.repos.repoDeleteFile('admin', 'app', 'README.md', { sha: readme.data.sha ?? '' });
  t.is(deleted.status, 200);
  t.is(deleted.data.content, null);
  t.regex(deleted.data.commit?.sha ?? '', /^[0-9a-f]{40}$/);

  const branches = await api.repos.repoListBranches('admin', 'app');
  t.deepEqual(
    branches.data.map((b) => b.name),
    ['feature', 'main'],
  );
  t.is(branches.data[1]?.commit?.id, deleted.data.commit?.sha);
  const branch = await api.repos.repoCreateBranch('admin', 'app', { new_branch_name: 'release', old_ref_name: 'main' });
  t.is(branch.status, 201);
  t.is(branch.data.commit?.id, deleted.data.commit?.sha);
  t.is((await failure(api.repos.repoCreateBranch('admin', 'app', { new_branch_name: 'release' }))).status, 409);
  t.is(
    (await failure(api.repos.repoCreateBranch('admin', 'app', { new_branch_name: 'x', old_ref_name: 'nope' }))).status,
    404,
  );
  t.is((await api.repos.repoGetBranch('admin', 'app', 'release')).data.name, 'release');

  const commits = await api.repos.repoGetAllCommits('admin', 'app', { limit: 2 });
  t.is(commits.headers.get('x-total-count'), '4');
  t.is(commits.data.length, 2);
  t.is(commits.data[0]?.sha, deleted.data.commit?.sha);
  t.deepEqual(commits.data[0]?.files, [{ filename: 'README.md', status: 'removed' }]);
  t.like(commits.data[1], { commit: { message: 'bump web\n' }, stats: { additions: 1, deletions: 1, total: 2 } });
  const page2 = await api.repos.repoGetAllCommits('admin', 'app', { limit: 2, page: 2 });
  t.is(page2.data[1]?.commit?.message, 'Initial commit\n');
  const byPath = await api.repos.repoGetAllCommits('admin', 'app', { path: 'apps/web/values.yaml' });
  t.deepEqual(
    byPath.data.map((c) => c.commit?.message),
    ['bump web\n', 'add values\n'],
  );
  await api.user.createCurrentUserRepo({ name: 'empty' });
  t.is((await failure(api.repos.repoGetAllCommits('admin', 'empty'))).status, 409);
  // The first file of an empty repository creates its default branch.
  t.is((await api.repos.repoCreateFile('admin', 'empty', 'a.txt', { content: b64('a') })).status, 201);
});

test.serial('hooks: create, list, get, edit, delete', async (t) => {
  const { server } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const hook = await api.repos.repoCreateHook('admin', 'app', {
    type: 'gitea',
    config: { url: 'http://127.0.0.1:9/hook', content_type: 'json', secret: 's3cret' },
    events: ['push'],
    active: true,
    branch_filter: 'main',
  });
  t.is(hook.status, 201);
  t.like(hook.data, {
    type: 'gitea',
    active: true,
    events: ['push'],
    branch_filter: 'main',
    config: { url: 'http://127.0.0.1:9/hook', content_type: 'json', http_method: 'post' },
  });
  t.false('secret' in (hook.data.config ?? {}));
  const id = hook.data.id ?? 0;
  t.is((await api.repos.repoListHooks('admin', 'app')).data.length, 1);
  t.is((await api.repos.repoGetHook('admin', 'app', id)).data.id, id);
  const edited = await api.repos.repoEditHook('admin', 'app', id, { active: false, branch_filter: '{main,release/*}' });
  t.like(edited.data, { active: false, branch_filter: '{main,release/*}' });
  const missingUrl = await failure(
    api.repos.repoCreateHook('admin', 'app', { type: 'gitea', config: { content_type: 'json' } }),
  );
  t.is(missingUrl.status, 422);
  t.is(missingUrl.body.message, 'Missing config option: url');
  const badType = await failure(
    api.repos.repoCreateHook('admin', 'app', {
      type: 'carrier-pigeon' as 'gitea',
      config: { url: 'http://x', content_type: 'json' },
    }),
  );
  t.is(badType.status, 404);
  t.is((await api.repos.repoDeleteHook('admin', 'app', id)).status, 204);
  t.is((await failure(api.repos.repoGetHook('admin', 'app', id))).status, 404);
});

test.serial('state survives a restart on the same data dir', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  await api.repos.repoCreateHook('admin', 'app', { type: 'gitea', config: { url: 'http://x', content_type: 'json' } });
  const oldToken = server.token;
  await server.close();
  const { startGitServer } = await import('../../src/git/index.ts');
  const { ScaledClock } = await import('../../src/clock/index.ts');
  const { join } = await import('node:path');
  await using again = await startGitServer({ dataDir: join(dir, 'data'), clock: new ScaledClock(), admin: ADMIN });
  const api2 = giteaApi(again.url, { token: again.token });
  t.is((await api2.repos.repoGet('admin', 'app')).data.name, 'app');
  t.is((await api2.repos.repoListHooks('admin', 'app')).data.length, 1);
  t.is((await fetch(`${again.url}/api/v1/user`, { headers: { Authorization: `token ${oldToken}` } })).status, 401);
});
