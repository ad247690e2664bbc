import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import test from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import type { WebhookDelivery } from '../../../src/git/index.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { startEmbeddedSandbox } from '../../../src/providers/embedded/embedded-sandbox.ts';
import { seedWorld, waitForWorld } from '../../../src/providers/seed/index.ts';
import { ClusterClient } from '../../../src/reconciler/cluster/index.ts';

type Pod = KubeObject & {
  spec: { nodeName?: string; containers: { image: string }[] };
  status?: { conditions?: { type: string; status: string }[] };
};
type App = KubeObject & { status?: { sync?: { status?: string; revision?: string }; health?: { status?: string } } };

test.serial(
  'the seeded world: every app Synced and Healthy on the pinned images, webhooks on every repo, a push to letsgo reaches the reconciler',
  async (t) => {
    const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-seed-'));
    t.teardown(() => rm(stateDir, { recursive: true, force: true }));
    await using sandbox = await startEmbeddedSandbox({ stateDir, speed: 30, seed: 7 });
    const { clock, git, registry } = sandbox;
    const steps: string[] = [];
    const seededFrom = Math.floor(clock.now() / 1000);
    const world = await seedWorld(sandbox, { onStep: (title) => steps.push(title) });
    const seededUntil = Math.floor(clock.now() / 1000);
    t.true(steps.length >= 7, steps.join('\n'));
    t.deepEqual(
      world.apps.map((a) => a.name),
      ['root', 'frontend-dev', 'frontend-prod', 'letsgo-dev', 'letsgo-prod', 'waves'],
    );
    t.deepEqual(world.namespaces, ['dev', 'letsgo-dev', 'letsgo-prod', 'prod', 'waves']);
    t.is(world.images.length, 6);
    t.is(world.repos.find((r) => r.name === 'letsgo')?.clusterUrl, `${git.clusterUrl}/${git.username}/letsgo.git`);

    await waitForWorld(sandbox.kubeconfigPath, world.apps, { clock, timeoutMs: 600_000 });

    const config = new KubeConfig();
    config.loadFromFile(sandbox.kubeconfigPath);
    const client = new ClusterClient(config);
    const pods = async (namespace: string) => (await client.list<Pod>('v1', 'Pod', { namespace })).items;
    const ready = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    const images = (list: Pod[]) => list.map((p) => p.spec.containers[0]!.image).sort();

    const prod = (await pods('letsgo-prod')).filter((p) => !p.metadata.deletionTimestamp);
    t.deepEqual(images(prod), [
      ...Array(3).fill(`${registry.host}/letsgo/backend:v1.0.0`),
      ...Array(3).fill(`${registry.host}/letsgo/frontend:v1.0.0`),
    ]);
    t.true(prod.every(ready));
    t.false(
      prod.some((p) => p.spec.nodeName === sandbox.nodes[0]),
      'the control plane is tainted: no workload on it',
    );
    t.deepEqual(images(await pods('prod')), Array(2).fill(`${registry.host}/frontend-helm/frontend:v1.0.0`));
    t.deepEqual(images((await pods('waves')).filter(ready)), [
      `${registry.host}/waves/backend:v1.0.0`,
      `${registry.host}/waves/database:v1.0.0`,
      `${registry.host}/waves/frontend:v1.0.0`,
    ]);
    t.is(
      await client.get({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'waves', name: 'migrate' }),
      undefined,
      'hook deleted on success',
    );
    // Waves: each Deployment created after the previous wave was Healthy, the PreSync hook before all of them.
    const created = async (name: string) =>
      Date.parse(
        (await client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'waves', name }))!.metadata
          .creationTimestamp!,
      );
    t.true((await created('database')) < (await created('backend')), 'wave 0 before wave 1');
    t.true((await created('backend')) < (await created('frontend')), 'wave 1 before wave 2');
    const wavesApp = await client.get<
      KubeObject & { status: { operationState: { syncResult: { resources: Record<string, string>[] } } } }
    >({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'waves' });
    t.like(
      wavesApp!.status.operationState.syncResult.resources.find((r) => r['kind'] === 'Job'),
      { name: 'migrate', hookType: 'PreSync', hookPhase: 'Succeeded' },
    );
    const secret = await client.get<KubeObject & { data: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'argocd',
      name: 'git-creds',
    });
    t.is(Buffer.from(secret!.data['password']!, 'base64').toString(), git.password);

    const api = giteaApi(git.url, { token: git.token });
    for (const repo of world.repos) {
      const { data: hooks } = await api.repos.repoListHooks(git.username, repo.name);
      t.deepEqual(
        hooks.map((h) => [h.type, h.config?.['url'], h.config?.['content_type'], h.events]),
        [['gitea', sandbox.reconciler.webhookUrl, 'json', ['push']]],
        repo.name,
      );
    }
    const { data: develop } = await api.repos.repoGetBranch(git.username, 'frontend-helm', 'develop');
    t.is(develop.commit?.id, world.repos.find((r) => r.name === 'frontend-helm')?.commit);

    // A push to letsgo: Gitea delivers it to the reconciler, which syncs letsgo-dev to the new commit.
    const deliveries: WebhookDelivery[] = [];
    const unsubscribe = sandbox.gitServer.onDelivery((d) => deliveries.push(d));
    t.teardown(unsubscribe);
    const work = join(stateDir, 'letsgo');
    const remote = new URL(world.repos.find((r) => r.name === 'letsgo')!.url);
    remote.username = git.username;
    remote.password = git.password;
    const env = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
    const inWork = (...args: string[]) =>
      execa('git', ['-C', work, '-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { env });
    await execa('git', ['clone', '-q', remote.href, work], { env });
    // The seeded commit: by the sandbox's author, dated by the sandbox clock (simulated time), not the wall clock.
    const seeded = world.repos.find((r) => r.name === 'letsgo')!.commit!;
    const [date, author] = (await inWork('log', '-1', '--format=%ct%n%an <%ae>', seeded)).stdout.split('\n');
    t.is(author, 'gitops-sandbox <sandbox@gitops-sandbox.io>');
    t.true(Number(date) >= seededFrom && Number(date) <= seededUntil, `${date} in [${seededFrom}, ${seededUntil}]`);
    const overlay = join(work, 'manifests/overlays/development/kustomization.yaml');
    await writeFile(overlay, (await readFile(overlay, 'utf8')).replaceAll('count: 1', 'count: 2'));
    await inWork('commit', '-qam', 'development: 2 replicas');
    await inWork('push', '-q', 'origin', 'main');
    const head = (await inWork('rev-parse', 'HEAD')).stdout.trim();
    const app = () =>
      client.get<App>({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'letsgo-dev',
      });
    for (let i = 0; i < 120; i++) {
      const status = (await app())?.status;
      if (status?.sync?.revision === head && status.sync.status === 'Synced' && status.health?.status === 'Healthy')
        break;
      await clock.sleep(1000);
    }
    t.like((await app())?.status, { sync: { status: 'Synced', revision: head }, health: { status: 'Healthy' } });
    t.true(
      deliveries.some(
        (d) =>
          d.repo === `${git.username}/letsgo` && d.url === sandbox.reconciler.webhookUrl && d.ok && d.event === 'push',
      ),
      JSON.stringify(deliveries),
    );
    const dev = await client.get<KubeObject & { spec: { replicas: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'letsgo-dev',
      name: 'backend',
    });
    t.is(dev?.spec.replicas, 2);

    // Promotion: a release on develop reaches dev at once; merged into main, prod waits for the operator.
    const statusOf = async (name: string) =>
      (await client.get<App>({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name }))
        ?.status;
    const until = async (name: string, check: (s: App['status']) => boolean) => {
      for (let i = 0; i < 120 && !check(await statusOf(name)); i++) await clock.sleep(1000);
      return statusOf(name);
    };
    await sandbox.publishImage({ repository: 'frontend-helm/frontend', tag: 'v1.1.0' });
    const helmRemote = new URL(world.repos.find((r) => r.name === 'frontend-helm')!.url);
    helmRemote.username = git.username;
    helmRemote.password = git.password;
    const helmWork = join(stateDir, 'frontend-helm');
    const inHelm = (...args: string[]) =>
      execa('git', ['-C', helmWork, '-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args], { env });
    await execa('git', ['clone', '-q', '-b', 'develop', helmRemote.href, helmWork], { env });
    const values = join(helmWork, 'chart/values.yaml');
    await writeFile(values, (await readFile(values, 'utf8')).replace('tag: v1.0.0', 'tag: v1.1.0'));
    await inHelm('commit', '-qam', 'frontend v1.1.0');
    await inHelm('push', '-q', 'origin', 'develop');
    const release = (await inHelm('rev-parse', 'HEAD')).stdout.trim();
    t.like(
      await until(
        'frontend-dev',
        (st) => st?.sync?.revision === release && st.sync.status === 'Synced' && st.health?.status === 'Healthy',
      ),
      {
        sync: { status: 'Synced', revision: release },
      },
    );
    const devPods = (await pods('dev')).filter((p) => !p.metadata.deletionTimestamp && ready(p));
    t.deepEqual(images(devPods), Array(2).fill(`${registry.host}/frontend-helm/frontend:v1.1.0`));
    await inHelm('checkout', '-q', '-b', 'main', 'origin/main');
    await inHelm('merge', '-q', '--no-edit', 'develop');
    await inHelm('push', '-q', 'origin', 'main');
    t.like(await until('frontend-prod', (st) => st?.sync?.status === 'OutOfSync'), {
      sync: { status: 'OutOfSync', revision: release },
      health: { status: 'Healthy' },
    });
    t.deepEqual(images(await pods('prod')), Array(2).fill(`${registry.host}/frontend-helm/frontend:v1.0.0`));

    // Seeding again (a kept state dir): repos with history are left alone, webhooks are not doubled.
    const stepped: string[] = [];
    const again = await seedWorld(sandbox, {
      step: (title, run) => {
        stepped.push(title);
        return run();
      },
    });
    t.deepEqual(stepped, steps, 'the step runner wraps the same steps onStep reports');
    t.deepEqual(
      again.repos.map((r) => r.commit),
      world.repos.map(() => undefined),
    );
    for (const repo of again.repos) {
      const { data: hooks } = await api.repos.repoListHooks(git.username, repo.name);
      t.is(hooks.length, 1, repo.name);
    }
    const { data: main } = await api.repos.repoGetBranch(git.username, 'letsgo', 'main');
    t.is(main.commit?.id, head);
  },
);
