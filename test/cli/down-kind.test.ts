import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { writeState } from '../../src/providers/state/state-files.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

test('down on a dead kind sandbox removes its state and deletes its orphaned cluster with kind', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-down-kind-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // A stand-in `kind` on PATH that records its arguments: the real one needs Docker.
  const fakeBin = join(dir, 'bin');
  await mkdir(fakeBin);
  await writeFile(join(fakeBin, 'kind'), `#!/bin/sh\necho "$@" > "${join(dir, 'kind-args')}"\n`);
  await chmod(join(fakeBin, 'kind'), 0o755);
  const stateDir = join(dir, 'state');
  await writeState(stateDir, {
    provider: 'kind',
    pid: 2 ** 22 + 1, // above pid_max's default: no such process
    kubeconfig: join(stateDir, 'kubeconfig'),
    kubernetes: { server: 'https://127.0.0.1:6443' },
    kind: { clusterName: 'gitops-sandbox-ab12' },
    speed: 1,
    startedAt: new Date(0).toISOString(),
  });
  const result = await execa('node', [bin, 'down', '--state-dir', stateDir], {
    env: { PATH: `${fakeBin}:${process.env.PATH}` },
    reject: false,
  });
  t.is(result.exitCode, 0, String(result.stderr));
  t.regex(String(result.stdout), /was not running; removed its stale state/);
  t.regex(String(result.stdout), /deleted its kind cluster gitops-sandbox-ab12/);
  t.is((await readFile(join(dir, 'kind-args'), 'utf8')).trim(), 'delete cluster --name gitops-sandbox-ab12');
});
