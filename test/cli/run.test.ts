import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

test('run, as npm start uses it: a relative state dir, the reports written, exit 0 when the scenario passes', async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), 'gitops-sandbox-run-cli-'));
  t.teardown(() => rm(cwd, { recursive: true, force: true }));
  const run = await execa(
    'node',
    [bin, 'run', 'scale-replicas', '--speed', '20', '--seed', '4', '--state-dir', 'runs', '--json', 'out/results.json'],
    { cwd, reject: false, env: { CI: 'true' } },
  );
  t.is(run.exitCode, 0, `${run.stdout}\n${run.stderr}`);
  t.regex(String(run.stdout), /✓ scale-replicas passed/);
  const results = JSON.parse(await readFile(join(cwd, 'out/results.json'), 'utf8')) as {
    version: number;
    passed: boolean;
    scenarios: { name: string; passed: boolean }[];
  };
  t.like(results, { version: 1, passed: true });
  t.deepEqual(
    results.scenarios.map((s) => [s.name, s.passed]),
    [['scale-replicas', true]],
  );
  const unknown = await execa('node', [bin, 'run', 'no-such-flow'], { cwd, reject: false });
  t.is(unknown.exitCode, 1);
  t.regex(String(unknown.stderr), /no scenario named "no-such-flow"; the scenarios are: .*scale-replicas/);
});
