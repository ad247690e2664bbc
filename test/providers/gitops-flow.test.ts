import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import type { KubeObject } from '../../src/kube/object.ts';
import { startTestSandbox } from '../support/sandbox.ts';

const bin = new URL('../../bin/gitops-sandbox.js', import.meta.url).pathname;
const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

type AppStatus = {
  sync?: { status?: string; revision?: string };
  health?: { status?: string };
  operationState?: { phase?: string };
};

test.serial(
  'the whole sandbox: a git push reaches the reconciler by webhook and the cluster converges; the app CLI tells the story',
  async (t) => {
    await using s = await startTestSandbox({ speed: 10 });
    const { git, reconciler, clock } = s.sandbox;
    const api = giteaApi(git.url, { token: git.token });
    await api.user.createCurrentUserRepo({ name: 'apps', auto_init: true, default_branch: 'main' });
    await api.repos.repoCreateHook(git.username, 'apps', {
      type: 'gitea',
      config: { url: reconciler.webhookUrl!, content_type: 'json' },
      events: ['push'],
      active: true,
    });
    const work = await mkdtemp(join(tmpdir(), 'gitops-flow-'));
    t.teardown(() => rm(work, { recursive: true, force: true }));
    const remote = new URL(`/${git.username}/apps.git`, git.url);
    remote.username = git.username;
    remote.password = git.password;
    const gitIn = (...args: string[]) => execa('git', ['-C', join(work, 'apps'), ...args]);
    await execa('git', ['clone', '-q', remote.href, join(work, 'apps')]);
    await execa('mkdir', ['-p', join(work, 'apps', 'web')]);
    await execa('sh', ['-c', `cat > ${join(work, 'apps', 'web', 'deployment.yaml')}`], { input: deployment(2) });
    await gitIn('-c', 'user.name=dev', '-c', 'user.email=dev@example.com', 'add', '.');
    await gitIn('-c', 'user.name=dev', '-c', 'user.email=dev@example.com', 'commit', '-qm', 'web: 2 replicas');
    await gitIn('push', '-q', 'origin', 'main');

    const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web, namespace: argocd}
spec:
  project: default
  source: {repoURL: ${git.url}/${git.username}/apps.git, targetRevision: main, path: web}
  destination: {server: https://kubernetes.default.svc, namespace: web}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
    syncOptions: [CreateNamespace=true]
`;
    const created = await s.kubectl(['apply', '-f', '-'], { input: app });
    t.is(created.exitCode, 0, created.stderr);
    const appStatus = async () =>
      ((await s.json<KubeObject>(['get', 'application', 'web', '-n', 'argocd']))['status'] ?? {}) as AppStatus;
    const until = async (what: string, check: (status: AppStatus) => boolean) => {
      for (let i = 0; i < 300; i++) {
        if (check(await appStatus())) return;
        await clock.sleep(1000);
      }
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await appStatus())}`);
    };
    await until('Synced and Healthy', (st) => st.sync?.status === 'Synced' && st.health?.status === 'Healthy');
    const first = await s.json<KubeObject>(['get', 'deployment', 'web', '-n', 'web']);
    t.is((first['spec'] as { replicas: number }).replicas, 2);

    // A push to main: the webhook refreshes the app at once and it syncs the new revision.
    await execa('sh', ['-c', `cat > ${join(work, 'apps', 'web', 'deployment.yaml')}`], { input: deployment(3) });
    await gitIn('-c', 'user.name=dev', '-c', 'user.email=dev@example.com', 'commit', '-qam', 'web: 3 replicas');
    await gitIn('push', '-q', 'origin', 'main');
    const head = (await gitIn('rev-parse', 'HEAD')).stdout.trim();
    await until(
      'synced to the new commit',
      (st) => st.sync?.revision === head && st.sync?.status === 'Synced' && st.health?.status === 'Healthy',
    );
    const live = await s.json<KubeObject>(['get', 'deployment', 'web', '-n', 'web']);
    t.is((live['spec'] as { replicas: number }).replicas, 3);
    t.is(live.metadata.annotations?.['argocd.argoproj.io/tracking-id'], 'web:apps/Deployment:web/web');

    const stateDir = join(s.sandbox.kubeconfigPath, '..');
    const get = await execa('node', [bin, 'app', 'get', 'web', '--state-dir', stateDir], { reject: false });
    t.is(get.exitCode, 0, get.stderr);
    t.regex(get.stdout, new RegExp(`Sync Status:\\s+Synced to main \\(${head.slice(0, 7)}\\)`));
    t.regex(get.stdout, /Health Status:\s+Healthy/);
    t.regex(get.stdout, /apps\s+Deployment\s+web\s+web\s+Synced\s+Healthy/);
    const history = await execa('node', [bin, 'app', 'history', 'web', '--state-dir', stateDir]);
    t.regex(history.stdout, new RegExp(`main \\(${head.slice(0, 7)}\\)`));
  },
);
