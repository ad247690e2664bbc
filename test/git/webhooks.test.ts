import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { giteaApi } from 'gitea-js';
import type { WebhookDelivery } from '../../src/git/index.ts';
import { ADMIN, gitOk, startReceiver, startTestServer, withAuth } from './helpers.ts';

interface PushBody {
  ref: string;
  before: string;
  after: string;
  compare_url: string;
  total_commits: number;
  commits: { id: string; message: string; url: string; author: { username: string }; added: string[] }[];
  head_commit: { id: string } | null;
  repository: { full_name: string; clone_url: string; default_branch: string; owner: { login: string } };
  pusher: { login: string };
  sender: { login: string };
}

test.serial('a git push is delivered to the hook, signed with the secret', async (t) => {
  const { server, dir } = await startTestServer(t);
  const receiver = await startReceiver(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  await api.repos.repoCreateHook('admin', 'app', {
    type: 'gitea',
    config: { url: receiver.url, content_type: 'json', secret: 'top-secret' },
    events: ['push'],
    active: true,
    branch_filter: 'main',
  });
  const work = join(dir, 'w');
  await gitOk(['clone', '-q', withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password), work]);
  const before = await gitOk(['rev-parse', 'HEAD'], { cwd: work });
  await writeFile(join(work, 'deploy.yaml'), 'replicas: 2\n');
  await gitOk(['add', '.'], { cwd: work });
  await gitOk(['commit', '-qm', 'scale up'], { cwd: work });
  // A push to a branch outside the filter is not delivered.
  await gitOk(['push', '-q', 'origin', 'HEAD:refs/heads/other'], { cwd: work });
  await gitOk(['push', '-q', 'origin', 'main'], { cwd: work });
  const after = await gitOk(['rev-parse', 'HEAD'], { cwd: work });

  const delivery = await receiver.next();
  const { headers, body } = delivery;
  const expected = createHmac('sha256', 'top-secret').update(body).digest('hex');
  t.is(headers['x-gitea-signature'], expected);
  t.is(headers['x-gogs-signature'], expected);
  t.is(headers['x-hub-signature-256'], `sha256=${expected}`);
  t.is(headers['x-gitea-event'], 'push');
  t.is(headers['x-gitea-event-type'], 'push');
  t.is(headers['x-gogs-event'], 'push');
  t.is(headers['x-github-event'], 'push');
  t.regex(String(headers['x-gitea-delivery']), /^[0-9a-f-]{36}$/);
  t.is(headers['content-type'], 'application/json');

  const payload = JSON.parse(body) as PushBody;
  t.like(payload, {
    ref: 'refs/heads/main',
    before,
    after,
    total_commits: 1,
    compare_url: `${server.url}/admin/app/compare/${before}...${after}`,
    repository: { full_name: 'admin/app', clone_url: `${server.url}/admin/app.git`, default_branch: 'main' },
    pusher: { login: 'admin' },
    sender: { login: 'admin' },
  });
  t.is(payload.commits[0]?.id, after);
  t.is(payload.commits[0]?.message, 'scale up\n');
  t.deepEqual(payload.commits[0]?.added, ['deploy.yaml']);
  t.is(payload.commits[0]?.url, `${server.url}/admin/app/commit/${after}`);
  t.is(payload.head_commit?.id, after);
  t.is(receiver.received.length, 1);
});

test.serial('an API commit is delivered too, and a failing receiver is retried with back-off', async (t) => {
  const { server } = await startTestServer(t, { webhook: { retries: 3, backoffMs: 200, timeoutMs: 30_000 } });
  const receiver = await startReceiver(t, (n) => (n <= 2 ? 500 : 200));
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const hook = await api.repos.repoCreateHook('admin', 'app', {
    type: 'gitea',
    config: { url: receiver.url, content_type: 'json', secret: 'k' },
    active: true,
  });
  const attempts: WebhookDelivery[] = [];
  server.onDelivery((d) => attempts.push(d));
  const file = await api.repos.repoCreateFile('admin', 'app', 'a.txt', {
    content: Buffer.from('a').toString('base64'),
    message: 'via api',
  });
  const { body } = await receiver.next();
  const payload = JSON.parse(body) as PushBody;
  t.is(payload.after, file.data.commit?.sha ?? '');
  t.is(payload.commits[0]?.message, 'via api\n');
  // The receiver has the body before the dispatcher has read its answer and recorded the attempt.
  for (let i = 0; i < 100 && attempts.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
  t.deepEqual(
    attempts.map((a) => [a.attempt, a.status, a.ok]),
    [
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ],
    JSON.stringify(attempts.map((a) => a.error)),
  );
  t.true(attempts.every((a) => a.hookId === hook.data.id && a.event === 'push' && a.url === receiver.url));
  t.is(new Set(attempts.map((a) => a.deliveryId)).size, 1);
  // Back-off doubles: attempt 3 starts at least 200 + 400 simulated ms after attempt 1.
  t.true(attempts[2]!.time - attempts[0]!.time >= 600);
});

test.serial('deliveries to one hook keep push order; the test endpoint sends the last commit', async (t) => {
  const { server, dir } = await startTestServer(t);
  const receiver = await startReceiver(t);
  const api = giteaApi(server.url, { token: server.token });
  await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
  const hook = await api.repos.repoCreateHook('admin', 'app', {
    type: 'gitea',
    config: { url: receiver.url, content_type: 'json' },
    active: true,
  });
  const work = join(dir, 'w');
  await gitOk(['clone', '-q', withAuth(server, 'admin/app.git', ADMIN.username, ADMIN.password), work]);
  const heads: string[] = [];
  for (let i = 0; i < 3; i++) {
    await gitOk(['commit', '-q', '--allow-empty', '-m', `c${i}`], { cwd: work });
    await gitOk(['push', '-q', 'origin', 'main'], { cwd: work });
    heads.push(await gitOk(['rev-parse', 'HEAD'], { cwd: work }));
  }
  const got = [];
  for (let i = 0; i < 3; i++) got.push((JSON.parse((await receiver.next()).body) as PushBody).after);
  t.deepEqual(got, heads);

  const tested = await api.repos.repoTestHook('admin', 'app', hook.data.id ?? 0);
  t.is(tested.status, 204);
  const test = JSON.parse((await receiver.next()).body) as PushBody;
  t.like(test, { ref: 'refs/heads/main', before: heads[2], after: heads[2], total_commits: 1 });
  t.is(test.head_commit?.id, heads[2]);
});

test.serial(
  'an unreachable receiver is given up after the configured retries, and close does not wait forever',
  async (t) => {
    const { server } = await startTestServer(t, { webhook: { retries: 1, backoffMs: 100, timeoutMs: 500 } });
    const api = giteaApi(server.url, { token: server.token });
    await api.user.createCurrentUserRepo({ name: 'app', auto_init: true });
    await api.repos.repoCreateHook('admin', 'app', {
      type: 'gitea',
      config: { url: 'http://127.0.0.1:9/unreachable', content_type: 'json' },
      active: true,
    });
    const attempts: WebhookDelivery[] = [];
    const done = new Promise<void>((resolve) =>
      server.onDelivery((d) => {
        attempts.push(d);
        if (attempts.length === 2) resolve();
      }),
    );
    await api.repos.repoCreateFile('admin', 'app', 'a.txt', { content: Buffer.from('a').toString('base64') });
    await done;
    t.deepEqual(
      attempts.map((a) => [a.attempt, a.ok, a.status]),
      [
        [1, false, undefined],
        [2, false, undefined],
      ],
    );
    t.truthy(attempts[0]?.error);
  },
);
