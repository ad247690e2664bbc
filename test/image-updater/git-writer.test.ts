import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import { ScaledClock } from '../../src/clock/index.ts';
import { startGitServer } from '../../src/git/index.ts';
import { GitWriter } from '../../src/image-updater/write-back/git-writer.ts';
import { WorkRepo } from '../reconciler/repo/helpers.ts';

const ADMIN = { username: 'admin', password: 'admin-password-1' };
const AUTHOR = { name: 'argocd-image-updater', email: 'noreply@argoproj.io' };

/** The embedded git server with `admin/apps` holding one commit on main, and a person's clone of it. */
async function gitWorld(t: ExecutionContext) {
  const dir = await mkdtemp(join(tmpdir(), 'git-writer-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const clock = new ScaledClock({ speed: 10 });
  const git = await startGitServer({ dataDir: join(dir, 'git'), clock, admin: ADMIN });
  t.teardown(() => git.close());
  await giteaApi(git.url, { token: git.token }).user.createCurrentUserRepo({ name: 'apps', default_branch: 'main' });
  const repoURL = `${git.url}/admin/apps.git`;
  const pushURL = new URL(repoURL);
  pushURL.username = ADMIN.username;
  pushURL.password = ADMIN.password;
  const human = await WorkRepo.init(join(dir, 'human'));
  await human.commit({ 'app/values.yaml': 'tag: v1\n', 'README.md': 'hello\n' }, 'initial');
  await human.git('push', '-q', pushURL.href, 'HEAD:main');
  return { dir, clock, repoURL, push: pushURL.href, human };
}

const bump = async (checkout: string) => {
  const file = join(checkout, 'app/values.yaml');
  await writeFile(file, (await readFile(file, 'utf8')).replace('v1', 'v2'));
};

test.serial(
  'a commit pushed during write-back is kept: the rejected push is re-applied on top, never forced',
  async (t) => {
    const { dir, clock, repoURL, push, human } = await gitWorld(t);
    let raced = 0;
    const log: Record<string, unknown>[] = [];
    const writer = new GitWriter({
      workDir: join(dir, 'updater'),
      clock,
      log: (msg, fields) => log.push({ msg, ...fields }),
      // Someone else pushes after the updater committed and before it pushes — the first time only.
      beforePush: async () => {
        if (raced++ > 0) return;
        await human.commit({ 'README.md': 'hello from a human\n' }, 'docs: concurrent edit');
        await human.git('push', '-q', push, 'HEAD:main');
      },
    });
    let edits = 0;
    const result = await writer.write({
      repoURL,
      credentials: ADMIN,
      message: 'build: automatic update of app',
      author: AUTHOR,
      edit: async (checkout) => {
        edits++;
        await bump(checkout);
      },
    });
    t.is(result.attempts, 2);
    t.is(edits, 2, 'the edit is re-applied on the new tip');
    t.is(log[0]?.['msg'], 'push rejected: the branch moved, fetching and re-applying the change');

    await human.git('pull', '-q', '--ff-only', push, 'main');
    t.deepEqual((await human.git('log', '--format=%s|%an')).split('\n'), [
      'build: automatic update of app|argocd-image-updater',
      'docs: concurrent edit|Tester',
      'initial|Tester',
    ]);
    t.is(await human.git('rev-parse', 'HEAD'), result.commit ?? '');
    t.is(await readFile(join(human.dir, 'README.md'), 'utf8'), 'hello from a human\n');
    t.is(await readFile(join(human.dir, 'app/values.yaml'), 'utf8'), 'tag: v2\n');

    // The same change again commits nothing and leaves the branch where it is.
    const again = await writer.write({ repoURL, credentials: ADMIN, message: 'noop', author: AUTHOR, edit: bump });
    t.is(again.commit, undefined);
    const { stdout } = await execa('git', ['ls-remote', push, 'refs/heads/main']);
    t.true(stdout.startsWith(result.commit ?? '-'));
  },
);

test.serial(
  'git-branch base:target: the change goes to a new branch made from the base, then builds on it',
  async (t) => {
    const { dir, clock, repoURL, push, human } = await gitWorld(t);
    const writer = new GitWriter({ workDir: join(dir, 'updater'), clock });
    const request = {
      repoURL,
      credentials: ADMIN,
      baseBranch: 'main',
      writeBranch: 'image-updates',
      message: 'bump',
      author: AUTHOR,
      edit: bump,
    };
    const first = await writer.write(request);
    t.is(first.branch, 'image-updates');
    const { stdout: heads } = await execa('git', ['ls-remote', '--heads', push]);
    t.true(heads.includes(`${await human.git('rev-parse', 'HEAD')}\trefs/heads/main`), 'main did not move');
    t.true(heads.includes(`${first.commit}\trefs/heads/image-updates`));
    const second = await writer.write({
      ...request,
      edit: (checkout: string) => writeFile(join(checkout, 'app/other.yaml'), 'x: 1\n'),
    });
    await human.git('fetch', '-q', push, 'image-updates');
    t.is(await human.git('rev-parse', 'FETCH_HEAD~1'), first.commit ?? '');
    t.is(await human.git('rev-parse', 'FETCH_HEAD'), second.commit ?? '');
  },
);
