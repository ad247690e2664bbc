import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { ManualClock } from '../../../src/clock/index.ts';
import { RepoCache, RepoError } from '../../../src/reconciler/repo/index.ts';
import { bareRemote, git, tempDir, WorkRepo } from './helpers.ts';

async function setup(t: Parameters<typeof tempDir>[0]) {
  const dir = await tempDir(t);
  const work = await WorkRepo.init(join(dir, 'work'));
  const url = await bareRemote(join(dir, 'remote.git'), work);
  const cache = new RepoCache({ cacheDir: join(dir, 'cache'), clock: new ManualClock() });
  return { dir, work, url, cache };
}

test('resolves branches, tags, HEAD, full refs, semver constraints and SHAs as Argo CD does', async (t) => {
  const { work, url, cache } = await setup(t);
  const first = await work.commit({ 'a.yaml': 'a: 1\n' }, 'first');
  await work.git('tag', 'v1.0.0');
  const second = await work.commit({ 'a.yaml': 'a: 2\n' }, 'second');
  await work.git('tag', '-a', 'v1.2.0', '-m', 'annotated release');
  await work.git('checkout', '-q', '-b', 'dev');
  const dev = await work.commit({ 'a.yaml': 'a: 3\n' }, 'dev');
  await work.git('tag', 'v2.0.0-rc.1');
  await work.git('push', '-q', 'origin', 'main', 'dev', '--tags');

  t.is(await cache.resolveRevision(url, 'main'), second);
  t.is(await cache.resolveRevision(url, 'dev'), dev);
  t.is(await cache.resolveRevision(url, 'refs/heads/dev'), dev);
  t.is(await cache.resolveRevision(url, 'HEAD'), second, 'HEAD is the remote default branch');
  t.is(await cache.resolveRevision(url, ''), second, 'empty means HEAD');
  t.is(await cache.resolveRevision(url, 'v1.0.0'), first);
  t.is(await cache.resolveRevision(url, 'refs/tags/v1.0.0'), first);
  t.is(await cache.resolveRevision(url, 'v1.2.0'), second, 'an annotated tag resolves to its commit');
  t.is(await cache.resolveRevision(url, '1.*'), second, 'semver constraint: highest matching tag');
  t.is(await cache.resolveRevision(url, '>=1.0.0 <1.1.0'), first);
  t.is(await cache.resolveRevision(url, first), first, 'full SHA');
  t.is(await cache.resolveRevision(url, first.toUpperCase()), first);
  t.is(await cache.resolveRevision(url, dev.slice(0, 8)), dev, 'short SHA expands to the full SHA');

  const unknown = await t.throwsAsync(cache.resolveRevision(url, 'no-such-branch'), { instanceOf: RepoError });
  t.is(unknown.code, 'RevisionNotFound');
  t.true(unknown.message.includes(url) && unknown.message.includes("'no-such-branch'"), unknown.message);
  t.is(unknown.revision, 'no-such-branch');
  const badSha = await t.throwsAsync(cache.resolveRevision(url, 'f'.repeat(40)), { instanceOf: RepoError });
  t.is(badSha.code, 'RevisionNotFound');
  const badShort = await t.throwsAsync(cache.resolveRevision(url, 'abcdef12'), { instanceOf: RepoError });
  t.is(badShort.code, 'RevisionNotFound');
});

test('sees new pushes, a changed default branch and deleted branches', async (t) => {
  const { dir, work, url, cache } = await setup(t);
  await work.commit({ 'a.yaml': 'a: 1\n' });
  await work.git('push', '-q', 'origin', 'main');
  const tree = await cache.checkout(url, await cache.resolveRevision(url, 'main'));
  t.truthy(tree);

  const next = await work.commit({ 'a.yaml': 'a: 2\n' });
  await work.git('push', '-q', 'origin', 'main');
  t.is(await cache.resolveRevision(url, 'main'), next);
  t.is(await readFile(join(await cache.checkout(url, next), 'a.yaml'), 'utf8'), 'a: 2\n');

  await work.git('checkout', '-q', '-b', 'release');
  const release = await work.commit({ 'b.yaml': 'b: 1\n' });
  await work.git('push', '-q', 'origin', 'release');
  await git(join(dir, 'remote.git'), 'symbolic-ref', 'HEAD', 'refs/heads/release');
  t.is(await cache.resolveRevision(url, 'HEAD'), release);

  await git(join(dir, 'remote.git'), 'symbolic-ref', 'HEAD', 'refs/heads/main');
  await work.git('push', '-q', 'origin', '--delete', 'release');
  const gone = await t.throwsAsync(cache.resolveRevision(url, 'release'), { instanceOf: RepoError });
  t.is(gone.code, 'RevisionNotFound');
});

test('checkout: one read-only tree per commit, shared and coalesced', async (t) => {
  const { dir, work, url, cache } = await setup(t);
  const sha = await work.commit({ 'apps/web/deploy.yaml': 'kind: Deployment\n', 'README.md': 'hi\n' });
  await work.git('push', '-q', 'origin', 'main');

  const trees = await Promise.all([
    cache.checkout(url, sha),
    cache.checkout(url, sha),
    cache.checkout(`${url}/`, sha),
    cache.fetch(url).then(() => cache.checkout(url, sha)),
  ]);
  t.is(new Set(trees).size, 1);
  const tree = trees[0]!;
  t.is(tree, join(dir, 'cache', 'trees', sha));
  t.is(await readFile(join(tree, 'apps/web/deploy.yaml'), 'utf8'), 'kind: Deployment\n');
  t.is((await stat(join(tree, 'README.md'))).mode & 0o222, 0, 'files are read-only');
  t.is(await cache.checkout(url, sha), tree);

  const notSha = await t.throwsAsync(cache.checkout(url, 'main'), { instanceOf: RepoError });
  t.is(notSha.code, 'RevisionNotFound');
});

test('an unreachable or missing repository is a RepoError and leaves no mirror', async (t) => {
  const dir = await tempDir(t);
  const cache = new RepoCache({ cacheDir: join(dir, 'cache'), clock: new ManualClock() });
  const missing = await t.throwsAsync(cache.resolveRevision(`file://${dir}/nope.git`, 'main'), {
    instanceOf: RepoError,
  });
  t.is(missing.code, 'RepoNotFound');
  t.true(missing.message.includes('nope.git'));
  const refused = await t.throwsAsync(cache.resolveRevision('http://127.0.0.1:9/x.git', 'main'), {
    instanceOf: RepoError,
  });
  t.is(refused.code, 'RepoUnreachable');
  t.true(refused.message.includes('http://127.0.0.1:9/x.git'));
  const clone = await t.throwsAsync(cache.fetch('http://127.0.0.1:9/x.git'), { instanceOf: RepoError });
  t.is(clone.code, 'RepoUnreachable');
  t.deepEqual(await readdir(join(dir, 'cache', 'mirrors')), []);
});

test('aborting a caller abandons its wait, not the shared fetch', async (t) => {
  const { work, url, cache } = await setup(t);
  const sha = await work.commit({ 'a.yaml': 'a: 1\n' });
  await work.git('push', '-q', 'origin', 'main');
  const aborted = AbortSignal.abort(new Error('caller gone'));
  await t.throwsAsync(cache.checkout(url, sha, { signal: aborted }), { message: 'caller gone' });
  t.truthy(await cache.checkout(url, sha));
});
