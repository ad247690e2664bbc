import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { startEmbeddedSandbox } from '../../src/providers/embedded/embedded-sandbox.ts';
import { RegistryClient } from '../../src/registry/index.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

test('image push publishes to the running sandbox registry; image tags lists it; a bad name is explained', async (t) => {
  const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-image-cli-'));
  await using sandbox = await startEmbeddedSandbox({ stateDir, speed: 10, seed: 1 });
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => execa('node', [bin, ...args, '--state-dir', stateDir], { reject: false });

  const pushed = await cli('image', 'push', 'letsgo/backend:v9.9.9', '--app-version', 'nine');
  t.is(pushed.exitCode, 0, String(pushed.stderr));
  t.regex(
    String(pushed.stdout),
    new RegExp(`pushed ${sandbox.registry.host}/letsgo/backend:v9.9.9@sha256:[0-9a-f]{64}`),
  );
  const client = new RegistryClient({ registry: sandbox.registry.host, clock: sandbox.clock });
  const config = await client.getImageConfig('letsgo/backend', 'v9.9.9');
  t.is(config.labels['org.opencontainers.image.version'], 'nine');

  const tags = await cli('image', 'tags', 'letsgo/backend');
  t.deepEqual(String(tags.stdout).split('\n'), ['v9.9.9']);

  const bad = await cli('image', 'push', '127.0.0.1:5000/letsgo/backend:v1');
  t.is(bad.exitCode, 1);
  t.regex(String(bad.stderr), /not repository:tag without a registry host; write e\.g\. letsgo\/backend:v1\.0\.1/);
});
