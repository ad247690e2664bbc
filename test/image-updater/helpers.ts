import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { ExecutionContext } from 'ava';
import { execa } from 'execa';
import {
  type ImageUpdaterOptions,
  type StartedImageUpdater,
  startImageUpdater,
  type UpdaterLogEntry,
} from '../../src/image-updater/index.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { pushImage, RegistryClient, type StartedRegistry, startRegistry } from '../../src/registry/index.ts';
import { ADMIN, startWorld, type World } from '../reconciler/controller/helpers.ts';

export { ADMIN };

export interface UpdaterWorld extends World {
  registry: StartedRegistry;
  /** `127.0.0.1:PORT`, the registry part of image references. */
  host: string;
  kubeconfig: KubeConfig;
  dir: string;
  /** Pushes a tiny image under `repository:tag`, created at `created` (ISO) or now. */
  pushTag(repository: string, tag: string, created?: string): Promise<string>;
  /** Starts an updater against this world (never polling unless `interval` is given); closed at teardown. */
  startUpdater(options?: Partial<ImageUpdaterOptions>): Promise<StartedImageUpdater>;
  updaterLogs: UpdaterLogEntry[];
  /** The remote branch as a fresh clone sees it: subject+body and author of each commit, newest first. */
  remoteLog(branch?: string): Promise<{ sha: string; author: string; message: string }[]>;
  /** A file's content at the tip of the remote branch. */
  remoteFile(path: string, branch?: string): Promise<string>;
  /** Events about an Application, oldest first. */
  events(app: string, reason?: string): Promise<KubeEvent[]>;
  /** Waits until the Deployment's pod template runs `image`. */
  waitDeploymentImage(name: string, image: string, timeoutMs?: number): Promise<void>;
}

export interface KubeEvent extends KubeObject {
  reason: string;
  message: string;
  type: string;
  source?: { component?: string };
  involvedObject: { kind: string; name: string; namespace?: string };
}

/** The reconciler's world (cluster, git server, controller) plus the embedded registry and an updater factory. */
export async function startUpdaterWorld(t: ExecutionContext): Promise<UpdaterWorld> {
  const world = await startWorld(t, { speed: 20 });
  const dir = await mkdtemp(join(tmpdir(), 'image-updater-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const registry = await startRegistry({ dataDir: join(dir, 'registry'), clock: world.clock });
  t.teardown(() => registry.close());
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(world.kubeconfigPath);
  const client = new RegistryClient({ registry: registry.url, clock: world.clock });
  const updaterLogs: UpdaterLogEntry[] = [];
  t.teardown(() => {
    if (!t.passed)
      t.log(
        updaterLogs
          .slice(-30)
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
  });
  const authURL = new URL(world.repoURL);
  authURL.username = ADMIN.username;
  authURL.password = ADMIN.password;
  let clones = 0;
  const checkout = async (branch: string) => {
    const target = join(dir, `clone-${clones++}`);
    await execa('git', ['clone', '-q', '--branch', branch, authURL.href, target], {
      env: { GIT_TERMINAL_PROMPT: '0' },
    });
    return target;
  };
  return Object.assign(world, {
    registry,
    host: registry.url,
    kubeconfig,
    dir,
    updaterLogs,
    async pushTag(repository: string, tag: string, created?: string) {
      const { digest } = await pushImage({
        registry: registry.url,
        repository,
        tag,
        clock: world.clock,
        client,
        labels: { tag },
        ...(created ? { created } : {}),
      });
      return digest;
    },
    async startUpdater(options: Partial<ImageUpdaterOptions> = {}) {
      const updater = await startImageUpdater({
        kubeconfig,
        clock: world.clock,
        interval: 0,
        registries: [{ name: 'sandbox', prefix: registry.url, apiUrl: `http://${registry.url}`, insecure: true }],
        gitCredentials: (url) => (url.startsWith(world.git.url) ? ADMIN : undefined),
        workDir: join(dir, 'updater'),
        log: (entry) => updaterLogs.push(entry),
        ...options,
      });
      t.teardown(() => updater.close());
      return updater;
    },
    async remoteLog(branch = 'main') {
      const clone = await checkout(branch);
      const { stdout } = await execa('git', ['log', '--format=%H%x00%an <%ae>%x00%B%x01'], { cwd: clone });
      return stdout
        .split('\x01')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((entry) => {
          const [sha, author, message] = entry.split('\x00') as [string, string, string];
          return { sha, author, message };
        });
    },
    async remoteFile(path: string, branch = 'main') {
      const clone = await checkout(branch);
      const { stdout } = await execa('git', ['show', `HEAD:${path}`], { cwd: clone, stripFinalNewline: false });
      return stdout;
    },
    async events(app: string, reason?: string) {
      const { items } = await world.client.list<KubeEvent>('v1', 'Event', { namespace: 'argocd' });
      return items.filter(
        (e) =>
          e.involvedObject.kind === 'Application' && e.involvedObject.name === app && (!reason || e.reason === reason),
      );
    },
    async waitDeploymentImage(name: string, image: string, timeoutMs = 60_000) {
      const deadline = performance.now() + timeoutMs;
      let last: unknown;
      while (performance.now() < deadline) {
        const deployment = await world.client.get<
          KubeObject & { spec: { template: { spec: { containers: { image: string }[] } } } }
        >({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          namespace: 'default',
          name,
        });
        last = deployment?.spec.template.spec.containers.map((c) => c.image);
        if (deployment?.spec.template.spec.containers.some((c) => c.image === image)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`deployment ${name} never ran ${image}; last: ${JSON.stringify(last)}`);
    },
  });
}

/** Creates the Secret `argocd/git-creds` that `write-back-method: git:secret:argocd/git-creds` reads. */
export async function createGitSecret(world: World): Promise<void> {
  await world.client.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'git-creds', namespace: 'argocd' },
    stringData: { username: ADMIN.username, password: ADMIN.password },
  } as KubeObject);
}

export const deployment = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
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

export const automated = { automated: { prune: true, selfHeal: true } };
