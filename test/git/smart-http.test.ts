import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'ava';
import { giteaApi } from 'gitea-js';
import type { PushEvent } from '../../src/git/index.ts';
import { ADMIN, basic, git, gitOk, startTestServer, waitFor, withAuth } from './helpers.ts';

test.serial('clone, commit, push, fetch and shallow clone with the git CLI, over protocol v0 and v2', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true, default_branch: 'main' });
  const pushUrl = withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password);

  const a = join(dir, 'a');
  await gitOk(['-c', 'protocol.version=2', 'clone', '-q', pushUrl, a]);
  t.true((await gitOk(['log', '--format=%s'], { cwd: a })).includes('Initial commit'));
  for (let i = 0; i < 3; i++) {
    await writeFile(join(a, `file-${i}.txt`), `content ${i}\n`);
    await gitOk(['add', '.'], { cwd: a });
    await gitOk(['commit', '-qm', `commit ${i}`], { cwd: a });
  }
  const pushed = waitFor<PushEvent>((l) => server.onPush(l));
  await gitOk(['push', '-q', 'origin', 'main'], { cwd: a });
  const event = await pushed;
  t.is(event.repo, 'admin/app');
  t.is(event.ref, 'refs/heads/main');
  t.is(event.after, await gitOk(['rev-parse', 'HEAD'], { cwd: a }));
  t.is(event.commits.length, 3);
  t.is(event.totalCommits, 3);
  t.deepEqual(event.commits[0]?.added, ['file-2.txt']);
  t.is(event.pusher, 'admin');
  t.is(event.source, 'git');

  // Anonymous clone of a public repository over protocol v0.
  const b = join(dir, 'b');
  await gitOk(['-c', 'protocol.version=0', 'clone', '-q', `${server.url}/admin/app.git`, b]);
  t.is(await gitOk(['rev-parse', 'HEAD'], { cwd: b }), event.after);

  // Fetch sees a later push.
  await writeFile(join(a, 'later.txt'), 'later\n');
  await gitOk(['add', '.'], { cwd: a });
  await gitOk(['commit', '-qm', 'later'], { cwd: a });
  await gitOk(['push', '-q', 'origin', 'main'], { cwd: a });
  await gitOk(['fetch', '-q', 'origin'], { cwd: b });
  t.is(await gitOk(['rev-parse', 'origin/main'], { cwd: b }), await gitOk(['rev-parse', 'HEAD'], { cwd: a }));

  // Shallow clone (URL without .git works too, as on Gitea).
  const c = join(dir, 'c');
  await gitOk(['clone', '-q', '--depth', '1', `${server.url}/admin/app`, c]);
  t.is(await gitOk(['rev-list', '--count', 'HEAD'], { cwd: c }), '1');
  t.is(await gitOk(['rev-parse', '--is-shallow-repository'], { cwd: c }), 'true');
});

test.serial('auth: anonymous push and wrong passwords fail; tokens work as password or username', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const work = join(dir, 'w');
  await gitOk(['clone', '-q', `${server.url}/admin/app.git`, work]);
  await writeFile(join(work, 'x.txt'), 'x\n');
  await gitOk(['add', '.'], { cwd: work });
  await gitOk(['commit', '-qm', 'x'], { cwd: work });

  const anonymous = await git(['push', `${server.url}/admin/app.git`, 'main'], { cwd: work });
  t.not(anonymous.code, 0);
  t.regex(anonymous.stderr, /could not read Username|Authentication failed/);
  const wrong = await git(['push', withAuth(server, 'admin/app.git', 'admin', 'nope'), 'main'], { cwd: work });
  t.not(wrong.code, 0);
  t.regex(wrong.stderr, /Authentication failed/);

  const infoRefs = await fetch(`${server.url}/admin/app.git/info/refs?service=git-receive-pack`);
  t.is(infoRefs.status, 401);
  t.is(infoRefs.headers.get('www-authenticate'), 'Basic realm="Gitea"');

  await gitOk(['push', '-q', withAuth(server, 'admin/app.git', 'anyone', server.token), 'main'], { cwd: work });
  await gitOk(['commit', '-q', '--allow-empty', '-m', 'y'], { cwd: work });
  await gitOk(['push', '-q', withAuth(server, 'admin/app.git', server.token, ''), 'main'], { cwd: work });

  // Private repositories: anonymous gets 401, other users 404, as Gitea answers.
  await api.user.createCurrentUserRepo({ name: 'secret', private: true, auto_init: true });
  await api.admin.adminCreateUser({ username: 'bob', email: 'bob@example.com', password: 'bob-password' });
  const anon = await fetch(`${server.url}/admin/secret.git/info/refs?service=git-upload-pack`);
  t.is(anon.status, 401);
  const bob = await fetch(`${server.url}/admin/secret.git/info/refs?service=git-upload-pack`, {
    headers: { Authorization: basic('bob', 'bob-password') },
  });
  t.is(bob.status, 404);
  const bobPush = await fetch(`${server.url}/admin/app.git/info/refs?service=git-receive-pack`, {
    headers: { Authorization: basic('bob', 'bob-password') },
  });
  t.is(bobPush.status, 404);
  const missing = await fetch(`${server.url}/nobody/app.git/info/refs?service=git-upload-pack`);
  t.is(missing.status, 404);
  const create = await fetch(`${server.url}/admin/new.git/info/refs?service=git-receive-pack`, {
    headers: { Authorization: basic(ADMIN.username, ADMIN.password) },
  });
  t.is(create.status, 403);
  t.regex(await create.text(), /Push to create is not enabled/);
  const cloned = await git([
    'clone',
    '-q',
    withAuth(server, 'admin/secret.git', 'admin', ADMIN.password),
    join(dir, 's'),
  ]);
  t.is(cloned.code, 0);
});

test.serial('a gzip-compressed protocol v2 request body is inflated', async (t) => {
  const { server } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const pkt = (line: string) => (line.length + 4).toString(16).padStart(4, '0') + line;
  const body = `${pkt('command=ls-refs\n')}0001${pkt('peel\n')}${pkt('ref-prefix refs/heads/\n')}0000`;
  const response = await fetch(`${server.url}/admin/app.git/git-upload-pack`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-git-upload-pack-request',
      'Content-Encoding': 'gzip',
      'Git-Protocol': 'version=2',
    },
    body: gzipSync(body),
  });
  t.is(response.status, 200);
  t.regex(await response.text(), /refs\/heads\/main/);
});

test.serial('a non-fast-forward push is rejected and loses nothing', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const url = withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password);
  const [a, b] = [join(dir, 'a'), join(dir, 'b')];
  await gitOk(['clone', '-q', url, a]);
  await gitOk(['clone', '-q', url, b]);
  await gitOk(['commit', '-q', '--allow-empty', '-m', 'from a'], { cwd: a });
  await gitOk(['commit', '-q', '--allow-empty', '-m', 'from b'], { cwd: b });
  await gitOk(['push', '-q', 'origin', 'main'], { cwd: a });
  const rejected = await git(['push', 'origin', 'main'], { cwd: b });
  t.not(rejected.code, 0);
  t.regex(rejected.stderr, /\[rejected\].*\(fetch first\)|non-fast-forward/);
  const branch = await api.repos.repoGetBranch('admin', 'app', 'main');
  t.is(branch.data.commit?.id, await gitOk(['rev-parse', 'HEAD'], { cwd: a }));
});

test.serial('concurrent pushes: different branches all land, a race on one branch has one winner', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const url = withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password);
  const clients = ['c0', 'c1', 'c2', 'c3'].map((name) => join(dir, name));
  await Promise.all(clients.map((c) => gitOk(['clone', '-q', url, c])));
  await Promise.all(
    clients.map(async (c, i) => {
      await writeFile(join(c, `f${i}.txt`), `${i}\n`);
      await gitOk(['add', '.'], { cwd: c });
      await gitOk(['commit', '-qm', `client ${i}`], { cwd: c });
    }),
  );
  const events: PushEvent[] = [];
  server.onPush((e) => events.push(e));
  // c0 and c1 race for main; c2 and c3 push their own branches at the same time.
  const results = await Promise.all([
    git(['push', 'origin', 'main'], { cwd: clients[0] }),
    git(['push', 'origin', 'main'], { cwd: clients[1] }),
    git(['push', 'origin', 'HEAD:refs/heads/b2'], { cwd: clients[2] }),
    git(['push', 'origin', 'HEAD:refs/heads/b3'], { cwd: clients[3] }),
  ]);
  t.is(results[2]?.code, 0);
  t.is(results[3]?.code, 0);
  const mainWinners = [0, 1].filter((i) => results[i]?.code === 0);
  t.is(mainWinners.length, 1, results.map((r) => r.stderr).join('\n'));
  const loser = results[mainWinners[0] === 0 ? 1 : 0]!;
  t.regex(loser.stderr, /rejected|failed to update ref|cannot lock/);
  const winner = clients[mainWinners[0]!]!;
  const branches = await api.repos.repoListBranches('admin', 'app');
  const heads = Object.fromEntries((branches.data ?? []).map((b) => [b.name, b.commit?.id]));
  t.is(heads.main, await gitOk(['rev-parse', 'HEAD'], { cwd: winner }));
  t.is(heads.b2, await gitOk(['rev-parse', 'HEAD'], { cwd: clients[2] }));
  t.is(heads.b3, await gitOk(['rev-parse', 'HEAD'], { cwd: clients[3] }));
  t.deepEqual(events.map((e) => e.ref).sort(), ['refs/heads/b2', 'refs/heads/b3', 'refs/heads/main']);
});

test.serial('outage: while unavailable every request gets 503 and pushes fail; then service resumes', async (t) => {
  const { server, dir } = await startTestServer(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const url = withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password);
  const work = join(dir, 'w');
  await gitOk(['clone', '-q', url, work]);
  await gitOk(['commit', '-q', '--allow-empty', '-m', 'during outage'], { cwd: work });
  const pushes: PushEvent[] = [];
  server.onPush((e) => pushes.push(e));

  server.setAvailable(false);
  t.is((await fetch(`${server.url}/api/v1/version`)).status, 503);
  const push = await git(['push', 'origin', 'main'], { cwd: work });
  t.not(push.code, 0);
  t.regex(push.stderr, /503/);
  t.not((await git(['clone', '-q', url, join(dir, 'x')])).code, 0);
  t.is(pushes.length, 0);

  server.setAvailable(true);
  await gitOk(['push', '-q', 'origin', 'main'], { cwd: work });
  t.is(pushes.length, 1);
});
