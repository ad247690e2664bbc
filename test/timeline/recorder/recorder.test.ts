import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import { expect } from '../../../src/timeline/expect.ts';
import {
  appHealthy,
  appOutOfSync,
  appSynced,
  gitPushed,
  operationSucceeded,
  rolloutComplete,
  tagPushed,
} from '../../../src/timeline/matchers.ts';
import { startRecorder } from '../../../src/timeline/recorder/recorder.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: ${image}}]
`;

test.serial('git pushes, registry tags and Application status as the reconciler writes it, in order', async (t) => {
  await using s = await startTestSandbox({ speed: 10 });
  const { git, clock, registry } = s.sandbox;
  const api = giteaApi(git.url, { token: git.token });
  await api.user.createCurrentUserRepo({ name: 'apps', auto_init: true, default_branch: 'main' });
  // The reconciler hears pushes by webhook, as in the sandbox's own set-up.
  await api.repos.repoCreateHook(git.username, 'apps', {
    type: 'gitea',
    config: { url: s.sandbox.reconciler.webhookUrl, content_type: 'json' },
    events: ['push'],
    active: true,
  });
  await using recorder = await startRecorder({
    kubeconfigPath: s.sandbox.kubeconfigPath,
    clock,
    git: { url: git.url, token: git.token, username: git.username, repos: ['apps'] },
    registry: { url: registry.url },
  });
  const { timeline } = recorder;
  t.regex(recorder.webhookUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\/git$/);

  const published = timeline.action('publish image', { tag: 'v1' });
  const { digest } = await s.sandbox.publishImage({ repository: 'letsgo/web', tag: 'v1' });
  const tag = await timeline.waitFor(tagPushed('letsgo/web', 'v1'), { after: published, timeout: '10s' });
  t.is(tag.data?.['digest'], digest);
  // The same tag pushed again with other content moves.
  const rebuilt = await s.sandbox.publishImage({ repository: 'letsgo/web', tag: 'v1', version: 'v1-rebuilt' });
  const moved = await timeline.waitFor(tagPushed('letsgo/web', 'v1'), { after: tag, timeout: '10s' });
  t.deepEqual(moved.data, { repository: 'letsgo/web', tag: 'v1', digest: rebuilt.digest, previous: digest });

  const work = await mkdtemp(join(tmpdir(), 'timeline-git-'));
  t.teardown(() => rm(work, { recursive: true, force: true }));
  const remote = new URL(`/${git.username}/apps.git`, git.url);
  remote.username = git.username;
  remote.password = git.password;
  const repo = join(work, 'apps');
  const gitIn = (...args: string[]) =>
    execa('git', ['-C', repo, '-c', 'user.name=dev', '-c', 'user.email=dev@example.com', ...args]);
  await execa('git', ['clone', '-q', remote.href, repo]);
  await execa('mkdir', ['-p', join(repo, 'web')]);
  await writeFile(join(repo, 'web', 'deployment.yaml'), deployment(`${registry.host}/letsgo/web:v1`));
  await gitIn('add', '.');
  await gitIn('commit', '-qm', 'web v1');
  const pushedAt = timeline.action('git push');
  await gitIn('push', '-q', 'origin', 'main');
  const head = (await gitIn('rev-parse', 'HEAD')).stdout.trim();
  const push = await timeline.waitFor(gitPushed('apps'), { after: pushedAt, timeout: '10s' });
  t.like(push.data, { repo: `${git.username}/apps`, ref: 'refs/heads/main', after: head });
  t.deepEqual(push.data?.['commits'], [{ id: head, message: 'web v1' }]);

  const created = timeline.action('create application');
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
  t.is((await s.kubectl(['apply', '-f', '-'], { input: app })).exitCode, 0);
  const healthy = await timeline.waitFor(appHealthy('web'), { after: created, timeout: '2m' });
  const synced = timeline.events(appSynced('web')).at(-1)!;
  t.is(synced.data?.['revision'], head);
  const story = expect(timeline).sequence(
    created,
    appOutOfSync('web'),
    operationSucceeded('web'),
    appSynced('web'),
    rolloutComplete('web/web', { image: 'letsgo/web:v1' }),
  );
  // Watches of different kinds deliver independently: the Deployment's last change may land after Healthy.
  const told = await story.settle({ timeout: '30s' });
  t.true(told.passed, told.message);
  t.true(expect(timeline).event(appSynced('web')).within('1m').after(created).check().passed);
  t.true(timeline.isAfter(healthy, created));

  // Closing removes the recorder's hook and leaves the reconciler's.
  await recorder.close();
  const hooks = await api.repos.repoListHooks(git.username, 'apps');
  t.deepEqual(
    hooks.data.map((h) => h.config?.['url']),
    [s.sandbox.reconciler.webhookUrl],
  );
});

test.serial('without repos to watch, a git server that cannot list them is a clear error', async (t) => {
  await using s = await startTestSandbox({ speed: 10 });
  const { git, clock } = s.sandbox;
  const error = await t.throwsAsync(
    startRecorder({
      kubeconfigPath: s.sandbox.kubeconfigPath,
      clock,
      git: { url: git.url, token: git.token, username: git.username },
    }),
  );
  t.regex(error?.message ?? '', /pass git\.repos/);
});
