import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startSandbox } from '../../src/providers/index.ts';
import { childProcesses, listeningSockets } from '../support/leaks.ts';

/**
 * A seeded sandbox exercises every part (git pushes and clones, kustomize and helm renders, registry pushes,
 * webhooks, the image updater's clones). Closing it must leave no listening port, no child process and no
 * temporary directory: TMPDIR points at a private folder for the test, so anything left there is ours.
 */
test.serial('closing a seeded embedded sandbox leaves no port, process or temporary directory behind', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'gitops-sandbox-teardown-'));
  const privateTmp = join(base, 'tmp');
  const stateDir = join(base, 'state');
  await mkdir(privateTmp);
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
  try {
    const before = await listeningSockets();
    // The test runner's own helpers (tsx's esbuild service) are not the sandbox's.
    const childrenBefore = new Set(await childProcesses());
    const sandbox = await startSandbox({ provider: 'embedded', stateDir, speed: 30, seed: 3 });
    t.truthy(sandbox.world);
    const during = await listeningSockets();
    t.true(during.size >= before.size + 5, 'API server, git, registry, webhook and control ports were open');
    const ports = [sandbox.git.url, sandbox.registry.url, sandbox.reconciler.webhookUrl];
    await sandbox.close();

    t.deepEqual(
      [...(await listeningSockets())].filter((inode) => !before.has(inode)),
      [],
    );
    for (const url of ports) {
      await t.throwsAsync(fetch(url, { signal: AbortSignal.timeout(2000) }), undefined, `${url} is closed`);
    }
    t.deepEqual(
      (await childProcesses()).filter((child) => !childrenBefore.has(child) && !child.endsWith(' esbuild')),
      [],
    );
    t.deepEqual(await readdir(privateTmp), []);
    t.false((await readdir(stateDir)).includes('sandbox.json'));
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    await rm(base, { recursive: true, force: true });
  }
});
