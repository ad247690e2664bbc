import test from 'ava';
import { KindError } from '../../../src/providers/kind/errors.ts';
import { execaRunner } from '../../../src/providers/kind/execa-runner.ts';

// The real runner, with real (Docker-free) programs.
const runner = execaRunner();

test('returns stdout, stderr and the exit code, also when it is not 0', async (t) => {
  t.deepEqual(await runner.run({ file: 'sh', args: ['-c', 'echo out; echo err >&2; exit 3'] }), {
    exitCode: 3,
    stdout: 'out',
    stderr: 'err',
  });
});

test('gives the input on stdin and runs in cwd', async (t) => {
  t.is((await runner.run({ file: 'cat', args: [], input: 'hosts.toml' })).stdout, 'hosts.toml');
  t.is((await runner.run({ file: 'pwd', args: [], cwd: '/tmp' })).stdout, '/tmp');
});

test('a program that is not installed is a CommandNotFound that points at doctor', async (t) => {
  const error = await t.throwsAsync(runner.run({ file: 'no-such-tool-gitops-sandbox', args: [] }));
  t.true(error instanceof KindError && error.code === 'CommandNotFound');
  t.regex(error!.message, /not found on PATH.*gitops-sandbox doctor/);
});

test('the signal stops the program and rejects with its reason', async (t) => {
  const controller = new AbortController();
  const reason = new Error('stop the kind create');
  const running = runner.run({ file: 'sleep', args: ['10'] }, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  const started = performance.now();
  t.is(await t.throwsAsync(running), reason);
  t.true(performance.now() - started < 5000);
});
