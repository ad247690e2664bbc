import test from 'ava';
import { Command as Program } from 'commander';
import { DoctorError, doctorCommand } from '../../src/cli/commands/doctor.ts';
import { formatDoctorReport, runDoctor } from '../../src/providers/doctor/index.ts';
import type { Command, CommandResult, CommandRunner } from '../../src/providers/kind/command-runner.ts';
import { KindError } from '../../src/providers/kind/errors.ts';

type Answer = Partial<CommandResult> | 'not-found';

/** What each tool prints on a healthy machine. */
const HEALTHY: Record<string, Answer> = {
  'docker version': { stdout: '28.2.2\n' },
  'docker info': { stdout: '28.2.2\n' },
  'kind version': { stdout: 'kind v0.27.0 go1.23.6 linux/amd64\n' },
  'kubectl version': {
    stdout: JSON.stringify({ clientVersion: { gitVersion: 'v1.32.4' }, kustomizeVersion: 'v5.5.0' }),
  },
  'helm version': { stdout: 'v3.16.4+g7877b45\n' },
  'git --version': { stdout: 'git version 2.39.5\n' },
};

function runner(overrides: Record<string, Answer> = {}): CommandRunner & { calls: string[] } {
  const answers = { ...HEALTHY, ...overrides };
  const calls: string[] = [];
  return {
    calls,
    async run(command: Command) {
      const key = `${command.file} ${command.args[0]}`;
      calls.push([command.file, ...command.args].join(' '));
      const answer = answers[key];
      if (answer === 'not-found' || answer === undefined) {
        throw new KindError('CommandNotFound', `cannot run \`${command.file}\`: not found on PATH`);
      }
      return { exitCode: 0, stdout: '', stderr: '', ...answer };
    },
  };
}

const NO_ENGINE: Record<string, Answer> = {
  // What docker 28 does here without an engine: the client version on stdout, the error on stderr, exit 1.
  'docker version': {
    exitCode: 1,
    stdout: '28.2.2\n',
    stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
  },
  'docker info': {
    exitCode: 1,
    stdout: '\n',
    stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
  },
};

test('a healthy machine: every tool at or above its minimum, the kind provider can run', async (t) => {
  const fake = runner();
  const report = await runDoctor({ runner: fake });
  t.true(report.ok);
  t.deepEqual(
    report.checks.map((c) => [c.id, c.status, c.version]),
    [
      ['docker', 'ok', '28.2.2'],
      ['docker-engine', 'ok', '28.2.2'],
      ['kind', 'ok', '0.27.0'],
      ['kubectl', 'ok', '1.32.4'],
      ['helm', 'ok', '3.16.4'],
      ['git', 'ok', '2.39.5'],
    ],
  );
  t.deepEqual(fake.calls, [
    'docker version --format {{.Client.Version}}',
    'docker info --format {{.ServerVersion}}',
    'kind version',
    'kubectl version --client --output json',
    'helm version --short',
    'git --version',
  ]);
  t.regex(formatDoctorReport(report), /The kind provider can run here/);
});

test('no Docker engine and no kind (this development machine): both named, with what to do', async (t) => {
  const report = await runDoctor({ runner: runner({ ...NO_ENGINE, 'kind version': 'not-found' }) });
  t.false(report.ok);
  const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
  t.is(byId['docker']!.status, 'ok', 'the client answers even without the engine');
  t.is(byId['docker-engine']!.status, 'not-running');
  t.regex(byId['docker-engine']!.problem!, /Cannot connect to the Docker daemon/);
  t.regex(byId['docker-engine']!.advice!, /systemctl start docker|Docker Desktop/);
  t.is(byId['kind']!.status, 'missing');
  t.regex(byId['kind']!.advice!, /kind\.sigs\.k8s\.io\/dl\/v0\.27\.0\/kind-linux-amd64/);
  const text = formatDoctorReport(report);
  t.regex(text, /✖ Docker engine +the engine does not answer/);
  t.regex(text, /✖ kind +`kind` is not on PATH/);
  t.regex(text, /cannot run here: fix Docker engine, kind\./);
});

test('too old: the version, the minimum and why', async (t) => {
  const report = await runDoctor({
    runner: runner({ 'kubectl version': { stdout: '{"clientVersion":{"gitVersion":"v1.25.3"}}' } }),
  });
  t.false(report.ok);
  const kubectl = report.checks.find((c) => c.id === 'kubectl')!;
  t.is(kubectl.status, 'too-old');
  t.is(kubectl.version, '1.25.3');
  t.regex(kubectl.problem!, /1\.25\.3 is older than 1\.27\.0/);
});

test('no docker client at all: the engine check is skipped and points at installing Docker', async (t) => {
  const fake = runner({ 'docker version': 'not-found' });
  const report = await runDoctor({ runner: fake });
  const engine = report.checks.find((c) => c.id === 'docker-engine')!;
  t.is(engine.status, 'skipped');
  t.regex(engine.advice!, /docs\.docker\.com\/engine\/install/);
  t.false(fake.calls.some((call) => call.startsWith('docker info')));
});

test('helm is optional: missing helm is a warning, the kind provider can still run', async (t) => {
  const report = await runDoctor({ runner: runner({ 'helm version': 'not-found' }) });
  t.true(report.ok);
  t.regex(formatDoctorReport(report), /! helm +`helm` is not on PATH \[optional\]/);
});

test('a tool that prints no version is a failure that quotes what it said', async (t) => {
  const report = await runDoctor({ runner: runner({ 'git --version': { exitCode: 1, stderr: 'git: broken\n' } }) });
  const git = report.checks.find((c) => c.id === 'git')!;
  t.is(git.status, 'no-version');
  t.regex(git.problem!, /git: broken/);
  t.false(report.ok);
});

async function runCli(fake: CommandRunner, args: string[] = []): Promise<{ stdout: string; error?: unknown }> {
  let stdout = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    stdout += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await new Program('gitops-sandbox')
      .exitOverride()
      .addCommand(doctorCommand({ runner: fake }))
      .parseAsync(['node', 'gitops-sandbox', 'doctor', ...args]);
    return { stdout };
  } catch (error) {
    return { stdout, error };
  } finally {
    process.stdout.write = write;
  }
}

test.serial('CLI: prints the report and succeeds when the kind provider can run', async (t) => {
  const { stdout, error } = await runCli(runner());
  t.is(error, undefined);
  t.regex(stdout, /✔ kind +0\.27\.0 \(minimum 0\.27\.0\)/);
});

test.serial('CLI: fails with a DoctorError (exit 1 from main) when it cannot run; --json for machines', async (t) => {
  const { stdout, error } = await runCli(runner({ ...NO_ENGINE, 'kind version': 'not-found' }), ['--json']);
  t.true(error instanceof DoctorError);
  t.regex((error as Error).message, /cannot run here: Docker engine, kind/);
  const report = JSON.parse(stdout);
  t.false(report.ok);
  t.is(report.checks.length, 6);
});
