import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const probe = new URL('../support/teardown-probe.ts', import.meta.url).pathname;

/**
 * A seeded sandbox exercises every part (git pushes and clones, kustomize and helm renders, registry pushes,
 * webhooks, the image updater's clones). Closing it must leave no listening port, no child process and no
 * temporary directory: the probe process runs with TMPDIR at a private folder, so anything left there is ours.
 */
test('closing a seeded embedded sandbox leaves no port, process or temporary directory behind', async (t) => {
  const base = await mkdtemp(join(tmpdir(), 'gitops-sandbox-teardown-'));
  t.teardown(() => rm(base, { recursive: true, force: true }));
  const privateTmp = join(base, 'tmp');
  await mkdir(privateTmp);
  const result = await execa('node', ['--import', 'tsx', probe, join(base, 'state'), privateTmp], {
    env: { TMPDIR: privateTmp },
    timeout: 110_000,
  });
  const report = JSON.parse(String(result.stdout)) as {
    seeded: boolean;
    opened: number;
    stillListening: number;
    closedUrls: number;
    urls: number;
    children: string[];
    tmpLeft: string[];
    stateFiles: string[];
  };
  t.true(report.seeded);
  t.true(report.opened >= 5, 'API server, git, registry, webhook and control ports were open');
  t.is(report.stillListening, 0);
  t.is(report.closedUrls, report.urls);
  t.deepEqual(report.children, []);
  // tsx (the test's TypeScript loader) keeps its compile cache in TMPDIR; nothing else may be there.
  t.deepEqual(
    report.tmpLeft.filter((name) => !name.startsWith('tsx-')),
    [],
  );
  t.false(report.stateFiles.includes('sandbox.json'));
  t.false(report.stateFiles.includes('kubeconfig'));
});
