import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ExecutionContext } from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import { Random, ScaledClock } from '../../../src/clock/index.ts';
import { type StartedGitServer, startGitServer } from '../../../src/git/index.ts';
import { startEmbeddedCluster } from '../../../src/providers/embedded/embedded-cluster.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { ClusterClient } from '../../../src/reconciler/cluster/index.ts';
import {
  type AppControllerOptions,
  type StartedAppController,
  startAppController,
} from '../../../src/reconciler/controller/index.ts';
import { installReconcilerManifests } from '../../../src/reconciler/manifests/index.ts';
import { WorkRepo } from '../repo/helpers.ts';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

export interface World {
  clock: ScaledClock;
  client: ClusterClient;
  kubeconfigPath: string;
  git: StartedGitServer;
  api: ReturnType<typeof giteaApi>;
  /** `${git.url}/admin/apps.git` */
  repoURL: string;
  work: WorkRepo;
  controller: StartedAppController;
  /** Commits the files and pushes them to the git server; returns the commit SHA. */
  push(files: Record<string, string | null>, message?: string): Promise<string>;
  createApp(name: string, spec: Partial<Application['spec']>, extra?: Partial<Application>): Promise<void>;
  getApp(name: string): Promise<Application>;
  /** Polls (every 50 ms of wall time) until `predicate` holds; fails with the last app seen after `timeoutMs`. */
  waitApp(name: string, predicate: (app: Application) => boolean, timeoutMs?: number): Promise<Application>;
  kubectl(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  logs: Record<string, unknown>[];
}

/**
 * The embedded cluster (API server, controllers, scheduler, kubelets), the embedded git server with a repo
 * `admin/apps`, the reconciler's manifests installed, and the application controller — all over real protocols.
 */
export async function startWorld(
  t: ExecutionContext,
  options: { speed?: number; settings?: AppControllerOptions['settings']; withController?: boolean } = {},
): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'controller-test-'));
  const teardown: (() => Promise<unknown> | unknown)[] = [() => rm(dir, { recursive: true, force: true })];
  t.teardown(async () => {
    while (teardown.length > 0) await teardown.pop()!();
  });
  const clock = new ScaledClock({ speed: options.speed ?? 10 });
  const random = new Random(42);
  const cluster = await startEmbeddedCluster({ clock, random, nodes: 2 });
  teardown.push(() => cluster.close());
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigFor(cluster.apiServer.url));
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromString(kubeconfigFor(cluster.apiServer.url));
  const client = new ClusterClient(kubeconfig);
  await installReconcilerManifests(client, { clock });

  const git = await startGitServer({ dataDir: join(dir, 'git'), clock, admin: ADMIN });
  teardown.push(() => git.close());
  const api = giteaApi(git.url, { token: git.token });
  await api.user.createCurrentUserRepo({ name: 'apps', default_branch: 'main' });
  const repoURL = `${git.url}/admin/apps.git`;
  const work = await WorkRepo.init(join(dir, 'work'));
  const pushURL = new URL(repoURL);
  pushURL.username = ADMIN.username;
  pushURL.password = ADMIN.password;

  const logs: Record<string, unknown>[] = [];
  const controller = await startAppController({
    client,
    kubeconfig,
    clock,
    random,
    namespace: 'argocd',
    cacheDir: join(dir, 'cache'),
    gitCredentials: () => ADMIN,
    settings: { pollIntervalMs: 120_000, pollJitterMs: 60_000, ...options.settings },
    log: (entry) => logs.push(entry),
  });
  teardown.push(async () => {
    await controller.close();
    // Let git http-backend processes the controller was reading from finish before the git server closes (its CGI
    // bridge throws ERR_HTTP_HEADERS_SENT when a backend is killed while answering: src/git/smart-http/cgi.ts).
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  t.teardown(() => {
    if (!t.passed)
      t.log(
        logs
          .slice(-40)
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
  });

  const ref = (name: string) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    namespace: 'argocd',
    name,
  });
  const world: World = {
    clock,
    client,
    kubeconfigPath,
    git,
    api,
    repoURL,
    work,
    controller,
    logs,
    async push(files, message = 'change') {
      const sha = await work.commit(files, message);
      await work.git('push', '-q', pushURL.href, 'HEAD:main');
      return sha;
    },
    async createApp(name, spec, extra = {}) {
      await client.create({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, namespace: 'argocd', ...extra.metadata },
        spec: {
          project: 'default',
          destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
          ...spec,
        },
        ...(extra.operation ? { operation: extra.operation } : {}),
      });
    },
    async getApp(name) {
      const app = await client.get<Application>(ref(name));
      if (!app) throw new Error(`application ${name} not found`);
      return app;
    },
    async waitApp(name, predicate, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      let last: Application | undefined;
      while (performance.now() < deadline) {
        last = await client.get<Application>(ref(name));
        if (last && predicate(last)) return last;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`application ${name} did not reach the expected state; last: ${JSON.stringify(last?.status)}`);
    },
    async kubectl(args) {
      const result = await execa('kubectl', args, {
        env: { KUBECONFIG: kubeconfigPath, KUBECACHEDIR: join(dir, 'kube-cache'), HOME: dir },
        reject: false,
        timeout: 60_000,
      });
      return { stdout: result.stdout as string, stderr: result.stderr as string, exitCode: result.exitCode ?? -1 };
    },
  };
  if (options.withController === false) await controller.close();
  return world;
}

export const deployment = (name: string, replicas = 1, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: ${image}
`;

export const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports: [{port: 80}]
`;

export const configMap = (name: string, value = '1') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  value: "${value}"
`;
