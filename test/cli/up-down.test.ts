import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import type { SandboxState } from '../../src/providers/state/state-files.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, seconds = 15): Promise<T> {
  for (let i = 0; i < seconds * 20; i++) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url.includes('://') ? url : `http://${url}`);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test.serial(
  'up writes sandbox.json and a kubeconfig that kubectl, git and the registry answer on; down stops it all',
  async (t) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-cli-'));
    t.teardown(() => rm(stateDir, { recursive: true, force: true }));
    const up = execa('node', [bin, 'up', '--state-dir', stateDir, '--no-seed-world'], { reject: false });
    t.teardown(() => up.kill('SIGKILL'));
    const state = await waitFor(
      async () => JSON.parse(await readFile(join(stateDir, 'sandbox.json'), 'utf8')) as SandboxState,
      'sandbox.json',
    );
    t.is(state.provider, 'embedded');
    t.is(state.pid, up.pid ?? -1);
    t.regex(state.kubernetes.server, /^http:\/\/127\.0\.0\.1:\d+$/);
    t.regex(state.git!.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    t.regex(state.registry!.url, /^127\.0\.0\.1:\d+$/);
    t.regex(state.reconciler!.webhookUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/webhook$/);
    t.is(state.reconciler!.namespace, 'argocd');

    const namespaces = await execa('kubectl', ['--kubeconfig', state.kubeconfig, 'get', 'ns', '-o', 'name'], {
      env: { HOME: stateDir },
    });
    t.regex(namespaces.stdout, /namespace\/kube-system/);
    const version = await fetch(`${state.git!.url}/api/v1/version`);
    t.is(version.status, 200);
    const ping = await fetch(`http://${state.registry!.url}/v2/`);
    t.is(ping.status, 200);

    const down = await execa('node', [bin, 'down', '--state-dir', stateDir]);
    t.regex(down.stdout, /stopped/);
    const exit = await up;
    t.is(exit.exitCode, 0, exit.stderr);
    t.false(existsSync(join(stateDir, 'sandbox.json')));
    t.false(existsSync(join(stateDir, 'kubeconfig')));
    for (const url of [state.kubernetes.server, state.git!.url, state.registry!.url])
      t.false(await portOpen(url), `${url} closed`);
  },
);

test.serial('up seeds the example world: it reports ready once every Application is Synced and Healthy', async (t) => {
  const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-cli-'));
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  const up = execa('node', [bin, 'up', '--state-dir', stateDir, '--speed', '20'], { reject: false });
  t.teardown(() => up.kill('SIGKILL'));
  const state = await waitFor(
    async () => JSON.parse(await readFile(join(stateDir, 'sandbox.json'), 'utf8')) as SandboxState,
    'sandbox.json',
    90,
  );
  const apps = await execa(
    'kubectl',
    ['--kubeconfig', state.kubeconfig, 'get', 'applications', '-n', 'argocd', '-o', 'json'],
    { env: { HOME: stateDir } },
  );
  const items = (
    JSON.parse(apps.stdout) as {
      items: { metadata: { name: string }; status?: { sync?: { status?: string }; health?: { status?: string } } }[];
    }
  ).items;
  t.deepEqual(
    items.map((app) => `${app.metadata.name} ${app.status?.sync?.status} ${app.status?.health?.status}`).sort(),
    ['frontend-dev', 'frontend-prod', 'letsgo-dev', 'letsgo-prod', 'root', 'waves'].map((n) => `${n} Synced Healthy`),
  );
  const log = await readFile(join(stateDir, 'startup.log'), 'utf8');
  t.regex(log, /"title":"Wait for 6 Applications to be Synced and Healthy","state":"done"/);
  await execa('node', [bin, 'down', '--state-dir', stateDir]);
  const exit = await up;
  t.is(exit.exitCode, 0, String(exit.stderr));
  t.regex(String(exit.stdout), /✔ Push git repository letsgo \(main\)/);
  t.regex(String(exit.stdout), /try: kubectl --kubeconfig .* get applications -n argocd/);
});

test.serial('down without a running sandbox says how to start one', async (t) => {
  const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-cli-'));
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  const down = await execa('node', [bin, 'down', '--state-dir', stateDir], { reject: false });
  t.is(down.exitCode, 1);
  t.regex(down.stderr, /no running sandbox found .*`gitops-sandbox up --state-dir /);
});

test.serial('every verb has --help', async (t) => {
  for (const verb of [
    [],
    ['up'],
    ['down'],
    ['node'],
    ['node', 'stop'],
    ['app'],
    ['app', 'get'],
    ['app', 'sync'],
    ['app', 'diff'],
  ]) {
    const help = await execa('node', [bin, ...verb, '--help']);
    t.regex(help.stdout, /Usage: gitops-sandbox/);
  }
});

test.serial(
  'node stop makes a worker go NotReady through the control endpoint; node start brings it back; unknown nodes are named',
  async (t) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-cli-'));
    t.teardown(() => rm(stateDir, { recursive: true, force: true }));
    const up = execa('node', [bin, 'up', '--state-dir', stateDir, '--speed', '30', '--no-seed-world'], {
      reject: false,
    });
    t.teardown(() => up.kill('SIGKILL'));
    const state = await waitFor(
      async () => JSON.parse(await readFile(join(stateDir, 'sandbox.json'), 'utf8')) as SandboxState,
      'sandbox.json',
    );
    const kubectl = (...args: string[]) =>
      execa('kubectl', ['--kubeconfig', state.kubeconfig, ...args], { env: { HOME: stateDir }, reject: false });
    const nodes = await kubectl('get', 'nodes');
    t.regex(nodes.stdout, /worker-1\s+Ready/);

    const stop = await execa('node', [bin, 'node', 'stop', 'worker-1', '--state-dir', stateDir]);
    t.regex(stop.stdout, /node worker-1 stopped/);
    const notReady = await waitFor(async () => {
      const out = (await kubectl('get', 'node', 'worker-1')).stdout;
      return /NotReady/.test(out) ? out : undefined;
    }, 'worker-1 NotReady');
    t.regex(notReady, /worker-1\s+NotReady/);
    await execa('node', [bin, 'node', 'start', 'worker-1', '--state-dir', stateDir]);
    await waitFor(
      async () => ((await kubectl('get', 'node', 'worker-1')).stdout.match(/worker-1\s+Ready/) ? true : undefined),
      'worker-1 Ready',
    );

    const unknown = await execa('node', [bin, 'node', 'stop', 'worker-9', '--state-dir', stateDir], { reject: false });
    t.is(unknown.exitCode, 1);
    t.regex(
      unknown.stderr,
      /no node named "worker-9" in this sandbox; its nodes are: control-plane, worker-1, worker-2/,
    );
    await execa('node', [bin, 'down', '--state-dir', stateDir]);
    t.is((await up).exitCode, 0);
  },
);
