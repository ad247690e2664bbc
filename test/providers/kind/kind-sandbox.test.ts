import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { KindError } from '../../../src/providers/kind/errors.ts';
import { type StartedKindSandbox, startKindSandbox } from '../../../src/providers/kind/kind-sandbox.ts';
import type { ReconcilerMode } from '../../../src/providers/sandbox.ts';
import type { StepEvent } from '../../../src/providers/startup.ts';
import { FakeWorld, KUBECONFIG, TOKEN } from './fakes.ts';
import { assertGolden } from './golden.ts';

const SEED = 7;

async function tempStateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kind-sandbox-'));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The trace as a golden file shows it: one operation a line, with a command's working directory and the stdin it
 * is given (indented), and the temporary state dir replaced by <state>.
 */
function trace(world: FakeWorld, stateDir: string): string {
  const lines = world.operations.flatMap((operation) => {
    if (operation.kind === 'start') {
      const d = operation.definition;
      return [
        operation.text,
        `    | image ${d.image} on network ${d.network}`,
        ...d.ports.map((p) => `    | port ${p.container} published on ${p.host ?? 'a free port'}`),
        ...d.extraHosts.map((h) => `    | extra host ${h.host}:${h.ipAddress}`),
        ...Object.entries(d.environment).map(([key, value]) => `    | env ${key}=${value}`),
        `    | ready when GET ${d.waitFor.http.path} on ${d.waitFor.http.port} answers 2xx`,
      ];
    }
    if (operation.kind !== 'run') return [operation.text];
    const { cwd, input } = operation.command;
    const head = cwd ? `${operation.text}    (in ${cwd})` : operation.text;
    const stdin =
      input === undefined
        ? []
        : input
            .trimEnd()
            .split('\n')
            .map((line) => `    | ${line}`);
    return [head, ...stdin];
  });
  return `${lines.join('\n').replaceAll(stateDir, '<state>')}\n`;
}

async function start(world: FakeWorld, stateDir: string, reconciler: ReconcilerMode = 'host', steps: StepEvent[] = []) {
  return startKindSandbox(
    { provider: 'kind', reconciler, stateDir, seed: SEED, onStep: (event) => steps.push(event) },
    world.deps(),
  );
}

test('host mode: every command, container and host part in order, then teardown in reverse (golden)', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const steps: StepEvent[] = [];
  const sandbox = await start(world, stateDir, 'host', steps);
  const started = world.operations.length;
  await sandbox.close();
  await sandbox.close(); // safe twice
  await assertGolden(t, 'trace-host.txt', trace(world, stateDir));

  const name = sandbox.clusterName;
  t.regex(name, /^gitops-sandbox-[b-z2-9]{6}$/);
  t.deepEqual(world.texts.slice(started), [
    'close control endpoint',
    'close image updater',
    'close reconciler',
    `stop container ${name}-gitea`,
    `stop container ${name}-registry`,
    `kind delete cluster --name ${name} --kubeconfig ${join(stateDir, 'kind', 'kubeconfig')}`,
  ]);
  t.deepEqual(
    steps.filter((s) => s.state === 'done').map((s) => s.title),
    [
      'Check the Docker engine and kind',
      `Create kind cluster ${name} (1 control plane, 2 workers)`,
      `Export the kubeconfig of ${name}`,
      'Start the registry (registry:2 at localhost:5001)',
      'Point containerd on 3 nodes at the registry (hosts.toml)',
      'Start Gitea (gitea/gitea:1.23.7)',
      'Create the Gitea admin "gitops" and an API token',
      'Install and start the reconciler on the host',
      'Start the image updater on the host',
      'Start the control endpoint (faults from the CLI)',
      'Push the example world into Gitea and the registry',
      'Write sandbox.json',
    ],
  );
  t.false(await exists(join(stateDir, 'sandbox.json')), 'close removes sandbox.json');
  t.false(await exists(join(stateDir, 'kind')), 'close removes the kind config');
  await rm(stateDir, { recursive: true, force: true });
});

test('host mode: what the started sandbox tells scenarios, and the state files', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  await using sandbox = await start(world, stateDir);
  const name = sandbox.clusterName;
  t.is(sandbox.provider, 'kind');
  t.is(sandbox.reconcilerMode, 'host');
  t.is(sandbox.seed, SEED);
  t.deepEqual(sandbox.nodes, [`${name}-control-plane`, `${name}-worker`, `${name}-worker2`]);
  t.deepEqual(sandbox.git, {
    url: 'http://127.0.0.1:43000',
    clusterUrl: 'http://127.0.0.1:43000',
    username: 'gitops',
    password: sandbox.git.password,
    token: TOKEN,
  });
  t.deepEqual(sandbox.registry, { url: 'http://localhost:5001', host: 'localhost:5001' });
  t.deepEqual(sandbox.reconciler, { webhookUrl: 'http://host.docker.internal:41234/api/webhook', namespace: 'argocd' });
  t.is(await readFile(sandbox.kubeconfigPath, 'utf8'), KUBECONFIG);
  const state = JSON.parse(await readFile(join(stateDir, 'sandbox.json'), 'utf8'));
  t.like(state, {
    provider: 'kind',
    kubeconfig: join(stateDir, 'kubeconfig'),
    kubernetes: { server: 'https://127.0.0.1:40123' },
    git: { url: 'http://127.0.0.1:43000', username: 'gitops', token: TOKEN },
    registry: { url: 'http://localhost:5001' },
    control: { url: 'http://127.0.0.1:45678' },
    reconciler: { webhookUrl: 'http://host.docker.internal:41234/api/webhook', namespace: 'argocd' },
    speed: 1,
  });
  const config = await readFile(join(stateDir, 'kind', 'kind-config.yaml'), 'utf8');
  t.true(config.includes(`name: ${name}`));
  const gitea = world.operations.find((o) => o.kind === 'start' && o.definition.name.endsWith('-gitea'));
  t.is(gitea?.kind === 'start' ? gitea.definition.network : undefined, 'kind');
});

for (const mode of ['in-cluster', 'argocd'] as const) {
  test(`${mode} mode: the extra steps instead of a host reconciler (golden), and the webhook through a NodePort`, async (t) => {
    const stateDir = await tempStateDir();
    const world = new FakeWorld();
    const sandbox = await start(world, stateDir, mode);
    await sandbox.close();
    await assertGolden(t, `trace-${mode}.txt`, trace(world, stateDir));
    t.false(
      world.texts.some((text) => text.includes('reconciler') && text.startsWith('start ')),
      'no host reconciler',
    );
    t.is(sandbox.git.clusterUrl, `http://${sandbox.clusterName}-gitea:3000`);
    t.regex(
      sandbox.reconciler.webhookUrl,
      new RegExp(`^https?://${sandbox.clusterName}-control-plane:304?\\d+/api/webhook$`),
    );
    await rm(stateDir, { recursive: true, force: true });
  });
}

/** What a successful start does, to know which parts each failure point has already started. */
async function successfulTrace(mode: ReconcilerMode): Promise<{ texts: string[]; stateDir: string }> {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const sandbox = await start(world, stateDir, mode);
  const texts = world.texts.slice();
  await sandbox.close();
  await rm(stateDir, { recursive: true, force: true });
  return { texts, stateDir };
}

/** The teardown operations owed for the parts started by operations before `k` (the k-th one failed). */
function owedTeardown(texts: string[], k: number, failedStateDir: string, successStateDir: string): string[] {
  const owed: string[] = [];
  texts.slice(0, k + 1).forEach((text, index) => {
    const failed = index === k;
    if (text.startsWith('kind create cluster')) {
      // Deleted even when create itself failed: an interrupted create leaves node containers behind.
      const name = text.split(' ')[4]!;
      owed.push(`kind delete cluster --name ${name} --kubeconfig ${join(failedStateDir, 'kind', 'kubeconfig')}`);
    } else if (!failed && text.startsWith('start container ')) {
      owed.push(text.replace('start container', 'stop container'));
    } else if (!failed && text.startsWith('start ') && text !== 'start container') {
      owed.push(text.replace('start ', 'close '));
    }
  });
  return owed.reverse().map((text) => text.replaceAll(successStateDir, failedStateDir));
}

for (const mode of ['host', 'in-cluster', 'argocd'] as const) {
  test(`${mode} mode, half-way failure at every operation: what was started is torn down in reverse, nothing else runs`, async (t) => {
    const success = await successfulTrace(mode);
    const starting = success.texts.length;
    t.true(starting >= 20, `a ${mode} start-up is ${starting} operations`);
    for (let k = 0; k < starting; k++) {
      const stateDir = await tempStateDir();
      const world = new FakeWorld();
      world.failAt = k;
      const steps: StepEvent[] = [];
      await t.throwsAsync(start(world, stateDir, mode, steps), undefined, `failure at ${success.texts[k]}`);
      const texts = world.texts;
      t.deepEqual(
        texts.slice(0, k + 1),
        success.texts.slice(0, k + 1).map((x) => x.replaceAll(success.stateDir, stateDir)),
        `nothing runs after the failure at #${k} (${success.texts[k]}) but teardown`,
      );
      t.deepEqual(
        texts.slice(k + 1),
        owedTeardown(success.texts, k, stateDir, success.stateDir),
        `teardown after the failure at #${k} (${success.texts[k]})`,
      );
      t.is(steps.filter((s) => s.state === 'failed').length, 1, 'the failed step is reported once');
      t.false(await exists(join(stateDir, 'sandbox.json')));
      t.false(await exists(join(stateDir, 'kind')));
      await rm(stateDir, { recursive: true, force: true });
    }
  });
}

test('a failing command says which command failed and what it printed', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  world.failAt = 1; // kind version
  const error = await t.throwsAsync(start(world, stateDir));
  t.true(error instanceof KindError && error.code === 'CommandFailed');
  t.regex(error!.message, /`kind version` exited with code 1: scripted failure of kind version/);
  await rm(stateDir, { recursive: true, force: true });
});

test('no Docker engine: start-up stops at the first step with advice, having started nothing', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  world.failAt = 0;
  const error = await t.throwsAsync(start(world, stateDir));
  t.regex(error!.message, /the Docker engine does not answer .*gitops-sandbox doctor/);
  t.deepEqual(world.texts, ["docker info --format '{{.ServerVersion}}'"]);
  await rm(stateDir, { recursive: true, force: true });
});

test('an aborted start-up tears down what was started and rejects with the abort reason', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const controller = new AbortController();
  const reason = new Error('user pressed Ctrl-C');
  // Abort while Gitea is starting: the registry and the cluster are up by then.
  world.onOperation = (_, operation) => {
    if (operation.text.startsWith('start container') && operation.text.endsWith('-gitea')) controller.abort(reason);
  };
  const rejected = await t.throwsAsync(
    startKindSandbox({ provider: 'kind', stateDir, seed: SEED, signal: controller.signal }, world.deps()),
  );
  t.is(rejected, reason);
  const texts = world.texts;
  const giteaStart = texts.findIndex((text) => text.startsWith('start container') && text.endsWith('-gitea'));
  const name = texts[giteaStart]!.slice('start container '.length, -'-gitea'.length);
  t.deepEqual(texts.slice(giteaStart + 1), [
    `stop container ${name}-gitea`,
    `stop container ${name}-registry`,
    `kind delete cluster --name ${name} --kubeconfig ${join(stateDir, 'kind', 'kubeconfig')}`,
  ]);
  await rm(stateDir, { recursive: true, force: true });
});

test('an already aborted signal starts nothing', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  await t.throwsAsync(
    startKindSandbox({ provider: 'kind', stateDir, signal: AbortSignal.abort(new Error('no')) }, world.deps()),
    { message: 'no' },
  );
  t.deepEqual(world.texts, []);
  await rm(stateDir, { recursive: true, force: true });
});

test('--speed other than 1 is refused before anything starts', async (t) => {
  const world = new FakeWorld();
  const error = await t.throwsAsync(
    startKindSandbox({ provider: 'kind', stateDir: '/nonexistent', speed: 10 }, world.deps()),
  );
  t.true(error instanceof KindError && error.code === 'UnsupportedOption');
  t.deepEqual(world.texts, []);
});

test('--nodes and --port of the embedded provider are refused before anything starts', async (t) => {
  const world = new FakeWorld();
  for (const extra of [{ nodes: 5 }, { port: 6443 }]) {
    const error = await t.throwsAsync(
      startKindSandbox({ provider: 'kind', stateDir: '/nonexistent', ...extra }, world.deps()),
    );
    t.true(error instanceof KindError && error.code === 'UnsupportedOption');
  }
  t.deepEqual(world.texts, []);
});

test('aborted while kind creates the cluster: the cluster is deleted, nothing else was started', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const controller = new AbortController();
  world.onOperation = (_, operation) => {
    if (operation.text.startsWith('kind create cluster')) controller.abort(new Error('Ctrl-C'));
  };
  await t.throwsAsync(
    startKindSandbox({ provider: 'kind', stateDir, seed: SEED, signal: controller.signal }, world.deps()),
    { message: 'Ctrl-C' },
  );
  t.deepEqual(
    world.texts.map((text) => text.replace(/gitops-sandbox-\w+/g, 'C').replaceAll(stateDir, '<state>')),
    [
      "docker info --format '{{.ServerVersion}}'",
      'kind version',
      'kind create cluster --name C --config <state>/kind/kind-config.yaml --kubeconfig <state>/kind/kubeconfig --wait 120s',
      'kind delete cluster --name C --kubeconfig <state>/kind/kubeconfig',
    ],
  );
  await rm(stateDir, { recursive: true, force: true });
});

test('seedWorld: false skips seeding the world', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  await using _ = await startKindSandbox({ provider: 'kind', stateDir, seed: SEED, seedWorld: false }, world.deps());
  t.false(world.texts.includes('seed world'));
  await rm(stateDir, { recursive: true, force: true });
});

async function started(t: {
  teardown(fn: () => Promise<void>): void;
}): Promise<{ world: FakeWorld; sandbox: StartedKindSandbox }> {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const sandbox = await start(world, stateDir);
  t.teardown(async () => {
    await sandbox.close();
    await rm(stateDir, { recursive: true, force: true });
  });
  return { world, sandbox };
}

test('publishImage: docker build of sandbox/images/<build> from the repository root, push, digest', async (t) => {
  const { world, sandbox } = await started(t);
  const before = world.operations.length;
  const result = await sandbox.publishImage({
    repository: 'letsgo/backend',
    tag: 'v1.1.0',
    crash: true,
    created: '2026-01-02T03:04:05Z',
  });
  t.deepEqual(result, { reference: 'localhost:5001/letsgo/backend:v1.1.0', digest: `sha256:${'ab'.repeat(32)}` });
  const runs = world.operations.slice(before);
  t.deepEqual(
    runs.map((o) => o.text),
    [
      'docker build --build-arg VERSION=v1.1.0 --build-arg CRASH=true --build-arg SOURCE_DATE_EPOCH=1767323045 --tag localhost:5001/letsgo/backend:v1.1.0 sandbox/images/version-server',
      'docker push localhost:5001/letsgo/backend:v1.1.0',
      "docker image inspect --format '{{json .RepoDigests}}' localhost:5001/letsgo/backend:v1.1.0",
    ],
  );
  t.is(runs[0]?.kind === 'run' ? runs[0].command.cwd : undefined, '/repo');
});

test('faults: docker stop/start of node containers, docker pause/unpause of Gitea and the registry', async (t) => {
  const { world, sandbox } = await started(t);
  const name = sandbox.clusterName;
  const before = world.operations.length;
  await sandbox.faults.stopNode(`${name}-worker2`);
  await sandbox.faults.startNode(`${name}-worker2`);
  await sandbox.faults.gitOutage();
  await sandbox.faults.gitOutage(); // already paused: nothing to do
  await sandbox.faults.restoreGit();
  await sandbox.faults.registryOutage();
  await sandbox.faults.restoreRegistry();
  await sandbox.faults.restoreRegistry(); // not paused: nothing to do
  t.deepEqual(world.texts.slice(before), [
    `docker stop ${name}-worker2`,
    `docker start ${name}-worker2`,
    `docker pause ${name}-gitea`,
    `docker unpause ${name}-gitea`,
    `docker pause ${name}-registry`,
    `docker unpause ${name}-registry`,
  ]);
  const error = await t.throwsAsync(sandbox.faults.stopNode('worker-9'));
  t.true(error instanceof KindError && error.code === 'UnknownNode');
  t.regex(error!.message, new RegExp(`its nodes are: ${name}-control-plane, ${name}-worker, ${name}-worker2`));
});

test('close during an outage unpauses the container before stopping it', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const sandbox = await start(world, stateDir);
  await sandbox.faults.gitOutage();
  const before = world.operations.length;
  await sandbox.close();
  const name = sandbox.clusterName;
  const teardown = world.texts.slice(before);
  t.true(teardown.indexOf(`docker unpause ${name}-gitea`) < teardown.indexOf(`stop container ${name}-gitea`));
  t.true(teardown.indexOf('close reconciler') < teardown.indexOf(`docker unpause ${name}-gitea`));
  await rm(stateDir, { recursive: true, force: true });
});

test('a teardown failure does not stop the rest of the teardown', async (t) => {
  const stateDir = await tempStateDir();
  const world = new FakeWorld();
  const sandbox = await start(world, stateDir);
  const name = sandbox.clusterName;
  world.failAt = world.operations.length + 3; // stop container <gitea>
  await t.throwsAsync(sandbox.close());
  t.is(world.texts.at(-1), `kind delete cluster --name ${name} --kubeconfig ${join(stateDir, 'kind', 'kubeconfig')}`);
  await rm(stateDir, { recursive: true, force: true });
});
