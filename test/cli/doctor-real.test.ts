import test from 'ava';
import { execa } from 'execa';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

/**
 * One real run against this machine's tools. Whatever is installed, the report and the exit code must agree and
 * every failing required tool must come with advice. On the development machines (a docker client without an
 * engine, no kind) it must say exactly that.
 */
test('gitops-sandbox doctor on this machine', async (t) => {
  const text = await execa('node', [bin, 'doctor'], { reject: false });
  const json = await execa('node', [bin, 'doctor', '--json'], { reject: false });
  t.log(text.stdout);
  const report = JSON.parse(json.stdout) as {
    ok: boolean;
    checks: { id: string; status: string; required: boolean; advice?: string }[];
  };
  t.is(text.exitCode, report.ok ? 0 : 1);
  t.is(json.exitCode, text.exitCode);
  for (const check of report.checks) {
    if (check.status !== 'ok') t.truthy(check.advice, `${check.id} comes with advice`);
  }
  if (!report.ok) t.regex(text.stderr, /error: the kind provider cannot run here: /);

  const engineAnswers = await execa('docker', ['info'], { reject: false }).then(
    (r) => r.exitCode === 0,
    () => false,
  );
  const kindInstalled = await execa('kind', ['version'], { reject: false }).then(
    () => true,
    () => false,
  );
  const status = (id: string) => report.checks.find((c) => c.id === id)?.status;
  if (!engineAnswers) {
    t.not(status('docker-engine'), 'ok');
    t.regex(text.stdout, /✖ Docker engine/);
  }
  if (!kindInstalled) {
    t.is(status('kind'), 'missing');
    t.regex(text.stdout, /✖ kind +`kind` is not on PATH/);
  }
});
