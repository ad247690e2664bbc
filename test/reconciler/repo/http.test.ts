import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { giteaApi } from 'gitea-js';
import { ManualClock, ScaledClock } from '../../../src/clock/index.ts';
import { startGitServer } from '../../../src/git/index.ts';
import { RepoCache, RepoError } from '../../../src/reconciler/repo/index.ts';
import { tempDir, WorkRepo } from './helpers.ts';

const ADMIN = { username: 'admin', password: 'admin-password-1' };

test.serial(
  'fetches a private repo over HTTP with basic auth kept out of the mirror; an outage is a RepoError',
  async (t) => {
    const dir = await tempDir(t);
    await using server = await startGitServer({
      dataDir: join(dir, 'server'),
      clock: new ScaledClock({ speed: 100 }),
      admin: ADMIN,
    });
    const api = giteaApi(server.url, { token: server.token });
    await api.user.createCurrentUserRepo({ name: 'apps', private: true, default_branch: 'main' });
    const url = `${server.url}/admin/apps.git`;

    const work = await WorkRepo.init(join(dir, 'work'));
    const sha = await work.commit({ 'guestbook/cm.yaml': 'kind: ConfigMap\n' });
    const pushURL = new URL(url);
    pushURL.username = ADMIN.username;
    pushURL.password = ADMIN.password;
    await work.git('push', '-q', pushURL.href, 'main');

    const anonymous = new RepoCache({ cacheDir: join(dir, 'anon'), clock: new ManualClock() });
    const denied = await t.throwsAsync(anonymous.resolveRevision(url, 'main'), { instanceOf: RepoError });
    t.is(denied.code, 'AuthenticationFailed');

    const wrong = new RepoCache({
      cacheDir: join(dir, 'wrong'),
      clock: new ManualClock(),
      credentials: () => ({ username: 'admin', password: 'nope' }),
    });
    t.is(
      (await t.throwsAsync(wrong.resolveRevision(url, 'main'), { instanceOf: RepoError })).code,
      'AuthenticationFailed',
    );

    const cacheDir = join(dir, 'cache');
    const cache = new RepoCache({
      cacheDir,
      clock: new ManualClock(),
      credentials: (repo) => (repo === url ? ADMIN : undefined),
    });
    t.is(await cache.resolveRevision(url, 'HEAD'), sha);
    const tree = await cache.checkout(url, sha);
    t.is(await readFile(join(tree, 'guestbook/cm.yaml'), 'utf8'), 'kind: ConfigMap\n');

    // Userinfo in the URL works too, and is stripped from what the mirror stores.
    const inline = new RepoCache({ cacheDir: join(dir, 'inline'), clock: new ManualClock() });
    t.is(await inline.resolveRevision(pushURL.href, 'main'), sha);
    await inline.checkout(pushURL.href, sha);

    for (const root of [cacheDir, join(dir, 'inline')]) {
      const mirrors = await readdir(join(root, 'mirrors'));
      t.is(mirrors.length, 1);
      const config = await readFile(join(root, 'mirrors', mirrors[0]!, 'config'), 'utf8');
      t.false(config.includes(ADMIN.password), 'no password in the mirror config');
      t.false(/extraheader/i.test(config));
    }

    server.setAvailable(false);
    const down = await t.throwsAsync(cache.resolveRevision(url, 'main'), { instanceOf: RepoError });
    t.is(down.code, 'RepoUnreachable');
    t.true(down.message.includes(url), down.message);
    const next = await work.commit({ 'guestbook/cm.yaml': 'kind: ConfigMap # 2\n' });
    const fetchDown = await t.throwsAsync(cache.checkout(url, next), { instanceOf: RepoError });
    t.is(fetchDown.code, 'RepoUnreachable');
    t.is(await cache.checkout(url, sha), tree, 'a tree already materialized survives the outage');

    server.setAvailable(true);
    await work.git('push', '-q', pushURL.href, 'main');
    t.is(await cache.resolveRevision(url, 'main'), next);
    t.truthy(await cache.checkout(url, next));
  },
);
