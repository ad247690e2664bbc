import { join } from 'node:path';
import test from 'ava';
import { ManualClock } from '../../../src/clock/index.ts';
import { ManifestCache } from '../../../src/reconciler/render/index.ts';
import { RepoCache } from '../../../src/reconciler/repo/index.ts';
import { bareRemote, tempDir, WorkRepo } from '../repo/helpers.ts';
import { configMap, names } from './helpers.ts';

test('manifest cache: hit per (commit, source, app), miss on a new commit, a changed source or a hard refresh; TTL', async (t) => {
  const dir = await tempDir(t);
  const work = await WorkRepo.init(join(dir, 'work'));
  const url = await bareRemote(join(dir, 'remote.git'), work);
  await work.commit({ 'app/cm.yaml': configMap('one') });
  await work.git('push', '-q', 'origin', 'main');
  const clock = new ManualClock();
  const repos = new RepoCache({ cacheDir: join(dir, 'cache'), clock });
  const cache = new ManifestCache({ clock, ttlMs: 60_000 });

  const render = async (options: { appName?: string; path?: string; hardRefresh?: boolean } = {}) => {
    const revision = await repos.resolveRevision(url, 'main');
    const repo = await repos.checkout(url, revision);
    return cache.render({
      source: { repoURL: url, path: options.path ?? 'app', targetRevision: 'main' },
      appName: options.appName ?? 'a',
      destinationNamespace: 'ns',
      repo,
      revision,
      hardRefresh: options.hardRefresh ?? false,
    });
  };

  const first = await render();
  t.false(first.cacheHit);
  t.deepEqual(names(first.manifests), ['ConfigMap/one']);
  const second = await render();
  t.true(second.cacheHit);
  t.deepEqual(second.manifests, first.manifests);
  (second.manifests[0]!['metadata'] as Record<string, unknown>)['name'] = 'mutated';
  t.deepEqual(names((await render()).manifests), ['ConfigMap/one'], 'callers get copies');

  t.false((await render({ appName: 'b' })).cacheHit, 'the app name is part of the key');
  t.false((await render({ hardRefresh: true })).cacheHit, 'a hard refresh bypasses the cache');
  t.true((await render()).cacheHit);

  await work.commit({ 'app/cm.yaml': configMap('two') });
  await work.git('push', '-q', 'origin', 'main');
  const afterPush = await render();
  t.false(afterPush.cacheHit);
  t.deepEqual(names(afterPush.manifests), ['ConfigMap/two']);

  await clock.advance(60_000);
  t.false((await render()).cacheHit, 'entries expire');
  t.deepEqual(cache.stats().hits, 3);
});
