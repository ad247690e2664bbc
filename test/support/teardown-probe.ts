/**
 * Run as its own process by test/providers/teardown.test.ts (ava runs test files as threads of shared processes,
 * so /proc/self there would mix in other tests' sockets and children): starts a seeded embedded sandbox in a
 * private TMPDIR, closes it, and prints what was left behind as JSON.
 */
import { readdir } from 'node:fs/promises';
import { startSandbox } from '../../src/providers/index.ts';
import { childProcesses, listeningSockets } from './leaks.ts';

const [stateDir, privateTmp] = process.argv.slice(2) as [string, string];
const before = await listeningSockets();
const childrenBefore = new Set(await childProcesses());
const sandbox = await startSandbox({ provider: 'embedded', stateDir, speed: 30, seed: 3 });
const opened = [...(await listeningSockets())].filter((inode) => !before.has(inode));
const urls = [sandbox.git.url, sandbox.registry.url, sandbox.reconciler.webhookUrl];
await sandbox.close();
const closedUrls: string[] = [];
for (const url of urls) {
  const answered = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
  if (!answered) closedUrls.push(url);
}
process.stdout.write(
  JSON.stringify({
    seeded: sandbox.world !== undefined,
    opened: opened.length,
    stillListening: [...(await listeningSockets())].filter((inode) => !before.has(inode)).length,
    closedUrls: closedUrls.length,
    urls: urls.length,
    // tsx's esbuild service belongs to the loader, not the sandbox.
    children: (await childProcesses()).filter((c) => !childrenBefore.has(c) && !c.endsWith(' esbuild')),
    tmpLeft: await readdir(privateTmp),
    stateFiles: await readdir(stateDir),
  }),
);
