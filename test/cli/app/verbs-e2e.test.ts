import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import { parse } from 'yaml';
import type { KubeObject } from '../../../src/kube/object.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.ts';

/**
 * The app verbs as a user runs them: `node bin/gitops-sandbox.js app … --state-dir DIR` in a child process, against
 * a whole embedded sandbox (API server, kubelets, git server, the reconciler in-process) and a real repo in its git
 * server. One sandbox for the file; tests run serially and use their own apps and namespaces.
 */
const bin = new URL('../../../bin/gitops-sandbox.js', import.meta.url).pathname;

const deployment = (name: string, replicas = 1) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: main, image: nginx:1.27}]
`;
const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}}
data: {key: value}
`;

interface World {
  s: TestSandbox;
  stateDir: string;
  repoURL: string;
  work: string;
}
let world: World;

test.before(async () => {
  const s = await startTestSandbox({ speed: 10 });
  const { git } = s.sandbox;
  const api = giteaApi(git.url, { token: git.token });
  await api.user.createCurrentUserRepo({ name: 'apps', auto_init: true, default_branch: 'main' });
  const work = await mkdtemp(join(tmpdir(), 'cli-verbs-'));
  const remote = new URL(`/${git.username}/apps.git`, git.url);
  remote.username = git.username;
  remote.password = git.password;
  await execa('git', ['clone', '-q', remote.href, join(work, 'apps')]);
  const files: Record<string, string> = {
    'web/deployment.yaml': deployment('web'),
    'web/settings.yaml': configMap('web-settings'),
    'keep/settings.yaml': configMap('keep-settings'),
    'other/settings.yaml': configMap('other-settings'),
  };
  for (const [path, text] of Object.entries(files)) {
    await execa('mkdir', ['-p', join(work, 'apps', path, '..')]);
    await execa('sh', ['-c', `cat > ${join(work, 'apps', path)}`], { input: text });
  }
  const gitIn = (...args: string[]) =>
    execa('git', ['-C', join(work, 'apps'), '-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args]);
  await gitIn('add', '.');
  await gitIn('commit', '-qm', 'apps');
  await gitIn('push', '-q', 'origin', 'main');
  world = {
    s,
    stateDir: join(s.sandbox.kubeconfigPath, '..'),
    repoURL: `${git.url}/${git.username}/apps.git`,
    work,
  };
});

test.after.always(async () => {
  if (!world) return;
  await world.s[Symbol.asyncDispose]();
  await rm(world.work, { recursive: true, force: true });
});

function cli(...args: string[] | [Record<string, string>, ...string[]]) {
  const [env, rest] = typeof args[0] === 'object' ? [args[0], args.slice(1) as string[]] : [{}, args as string[]];
  return execa('node', [bin, 'app', ...rest, '--state-dir', world.stateDir], {
    reject: false,
    timeout: 120_000,
    env,
  });
}

async function app(name: string): Promise<Application | undefined> {
  const got = await world.s.kubectl(['get', 'application', name, '-n', 'argocd', '-o', 'json']);
  return got.exitCode === 0 ? (JSON.parse(got.stdout) as Application) : undefined;
}

/** Polls on the sandbox's clock (1 simulated second per round) until `check` holds. */
async function until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value) return value;
    await world.s.sandbox.clock.sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const synced = (name: string) =>
  until(`${name} Synced and Healthy`, async () => {
    const a = await app(name);
    return a?.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy' && !a.operation && a;
  });

async function live(kind: string, namespace: string, name: string): Promise<KubeObject | undefined> {
  const got = await world.s.kubectl(['get', kind, name, '-n', namespace, '-o', 'json']);
  return got.exitCode === 0 ? (JSON.parse(got.stdout) as KubeObject) : undefined;
}

test.serial('app create: the app appears and syncs; the same spec again is fine, another needs --upsert', async (t) => {
  const create = (...extra: string[]) =>
    cli('create', 'web', '--repo', world.repoURL, '--path', 'web', '--dest-namespace', 'web', ...extra);
  const auto = ['--sync-policy', 'automated', '--sync-option', 'CreateNamespace=true'];
  const created = await create(...auto);
  t.is(created.exitCode, 0, created.stderr);
  t.is(created.stdout, "application 'web' created");
  const web = await synced('web');
  t.deepEqual(web.spec.syncPolicy, { automated: {}, syncOptions: ['CreateNamespace=true'] });
  const deployed = await live('deployment', 'web', 'web');
  t.is((deployed?.['spec'] as { replicas?: number } | undefined)?.replicas, 1);

  const again = await create(...auto);
  t.is(again.exitCode, 0, again.stderr);

  const changed = await create(...auto, '--revision', 'main');
  t.is(changed.exitCode, 20);
  t.regex(changed.stderr, /existing application spec is different, use upsert flag to force update/);
  t.is((await app('web'))?.spec.source?.targetRevision, undefined);

  const upserted = await create(...auto, '--revision', 'main', '--upsert');
  t.is(upserted.exitCode, 0, upserted.stderr);
  t.is((await app('web'))?.spec.source?.targetRevision, 'main');
  // Sync from the new source now, or auto-sync would do it at the next drift (the source is part of the attempt).
  const sync = await cli('sync', 'web', '--timeout', '120');
  t.is(sync.exitCode, 0, sync.stderr);
  t.is((await app('web'))?.status?.operationState?.syncResult?.source?.targetRevision, 'main');
  await synced('web');
});

test.serial('app diff: exit 0 without a diff, 1 with the resource block, 2 on an error', async (t) => {
  await synced('web');
  const clean = await cli('diff', 'web');
  t.is(clean.exitCode, 0, clean.stderr);
  t.is(clean.stdout, '');

  // Drift the reconciler does not undo (no selfHeal): diff shows it.
  const scaled = await world.s.kubectl(['scale', 'deployment/web', '--replicas=3', '-n', 'web']);
  t.is(scaled.exitCode, 0, scaled.stderr);
  const drifted = await cli('diff', 'web');
  t.is(drifted.exitCode, 1, drifted.stderr);
  t.true(drifted.stdout.startsWith('\n===== apps/Deployment web/web ======\n'), drifted.stdout);
  // The body is what argocd's cli.PrintDiff prints: plain `diff <tmp>/web-live.yaml <tmp>/web` (normal format).
  t.regex(drifted.stdout, /^\d+c\d+\n< {3}replicas: 3\n---\n> {3}replicas: 1$/m);
  t.notRegex(drifted.stdout, /^(\+\+\+|@@)/m);
  // KUBECTL_EXTERNAL_DIFF picks the program and its arguments (split as a shell would).
  const unified = await cli({ KUBECTL_EXTERNAL_DIFF: 'diff -u' }, 'diff', 'web');
  t.is(unified.exitCode, 1, unified.stderr);
  t.true(unified.stdout.startsWith('\n===== apps/Deployment web/web ======\n'), unified.stdout);
  t.regex(unified.stdout, /^--- \S*argocd-diff\S*\/web-live\.yaml\t/m);
  t.regex(unified.stdout, /^\+\+\+ \S*argocd-diff\S*\/web\t/m);
  t.regex(unified.stdout, /^- {2}replicas: 3$/m);
  t.regex(unified.stdout, /^\+ {2}replicas: 1$/m);
  const broken = await cli({ KUBECTL_EXTERNAL_DIFF: 'no-such-diff-program' }, 'diff', 'web');
  t.is(broken.exitCode, 2, broken.stdout);
  t.regex(broken.stderr, /no-such-diff-program/);
  t.notRegex(drifted.stdout, /ConfigMap/);

  const missing = await cli('diff', 'no-such-app');
  t.is(missing.exitCode, 2);
  t.regex(missing.stderr, /no-such-app/);
});

test.serial('app get -o json|yaml, app refresh and app get --refresh: reconciledAt moves', async (t) => {
  const asJson = await cli('get', 'web', '-o', 'json');
  t.is(asJson.exitCode, 0, asJson.stderr);
  const fromJson = JSON.parse(asJson.stdout) as Application;
  t.is(fromJson.metadata.name, 'web');
  t.is(fromJson.kind, 'Application');
  const asYaml = await cli('get', 'web', '-o', 'yaml');
  t.is(asYaml.exitCode, 0, asYaml.stderr);
  t.like(parse(asYaml.stdout), { metadata: { name: 'web' }, spec: { destination: { namespace: 'web' } } });
  const list = await cli('list', '-o', 'json');
  t.deepEqual(
    (JSON.parse(list.stdout) as Application[]).map((a) => a.metadata.name),
    ['web'],
  );

  const before = (await app('web'))!.status!.reconciledAt!;
  await world.s.sandbox.clock.sleep(1500);
  const refreshed = await cli('refresh', 'web');
  t.is(refreshed.exitCode, 0, refreshed.stderr);
  t.is(refreshed.stdout, "application 'web' refreshed");
  const middle = (await app('web'))!.status!.reconciledAt!;
  t.true(Date.parse(middle) > Date.parse(before), `${before} → ${middle}`);

  await world.s.sandbox.clock.sleep(1500);
  const got = await cli('get', 'web', '--refresh', '-o', 'json');
  t.is(got.exitCode, 0, got.stderr);
  const after = (JSON.parse(got.stdout) as Application).status!.reconciledAt!;
  t.true(Date.parse(after) > Date.parse(middle), `${middle} → ${after}`);
  t.is((JSON.parse(got.stdout) as Application).metadata.annotations?.['argocd.argoproj.io/refresh'], undefined);
});

test.serial('app delete cascades to the managed resources; --no-cascade keeps them', async (t) => {
  for (const name of ['keep', 'other']) {
    const created = await cli(
      'create',
      name,
      '--repo',
      world.repoURL,
      '--path',
      name,
      '--dest-namespace',
      'default',
      '--sync-policy',
      'automated',
    );
    t.is(created.exitCode, 0, created.stderr);
    await synced(name);
  }
  t.truthy(await live('configmap', 'default', 'keep-settings'));

  const kept = await cli('delete', 'keep', '--no-cascade', '--wait', '--timeout', '60');
  t.is(kept.exitCode, 0, kept.stderr);
  t.is(kept.stdout, "application 'keep' deleted");
  t.is(await app('keep'), undefined);
  t.truthy(await live('configmap', 'default', 'keep-settings'), 'the resources stay');

  const cascaded = await cli('delete', 'web', '--wait', '--timeout', '120');
  t.is(cascaded.exitCode, 0, cascaded.stderr);
  t.is(await app('web'), undefined);
  await until('web resources gone', async () => !(await live('deployment', 'web', 'web')));
  t.is(await live('configmap', 'web', 'web-settings'), undefined);
  t.truthy(await live('configmap', 'default', 'other-settings'), "another app's resources stay");

  const gone = await cli('delete', 'web');
  t.is(gone.exitCode, 20);
});
