import { join } from 'node:path';
import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { WorkRepo } from '../repo/helpers.ts';
import { ADMIN, startWorld, type World } from './helpers.ts';

/**
 * Multi-source Applications (argo-cd `user-guide/multiple_sources.md`): a Helm chart in `admin/apps` whose valueFiles
 * include `$values/envs/prod/values.yaml` from a second repo, `admin/values`, given as a source with `ref: values`.
 */
const synced = (a: Application) =>
  a.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy' && !a.operation;

async function valuesRepo(world: World, dir: string) {
  await world.api.user.createCurrentUserRepo({ name: 'values', default_branch: 'main' });
  const url = `${world.git.url}/admin/values.git`;
  const push = new URL(url);
  push.username = ADMIN.username;
  push.password = ADMIN.password;
  const work = await WorkRepo.init(dir);
  return {
    url,
    async push(files: Record<string, string>) {
      const sha = await work.commit(files);
      await work.git('push', '-q', push.href, 'HEAD:main');
      return sha;
    },
  };
}

test.serial(
  'spec.sources with a ref source: $values valueFiles, revisions and history, a values push re-syncs',
  async (t) => {
    const world = await startWorld(t);
    const chartSha = await world.push({
      'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
      'chart/values.yaml': 'size: small\n',
      'chart/templates/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  size: "{{ .Values.size }}"\n',
    });
    const values = await valuesRepo(world, join(world.work.dir, '..', 'values-work'));
    const valuesSha = await values.push({ 'envs/prod/values.yaml': 'size: large\n' });
    const sources = [
      {
        repoURL: world.repoURL,
        path: 'chart',
        targetRevision: 'main',
        helm: { releaseName: 'demo', valueFiles: ['$values/envs/prod/values.yaml'] },
      },
      { repoURL: values.url, targetRevision: 'main', ref: 'values' },
    ];
    await world.createApp('multi', { sources, syncPolicy: { automated: {} } });
    const app = await world.waitApp('multi', synced, 90_000);
    const cm = () => world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'demo-cfg' });
    t.deepEqual((await cm())?.['data'], { size: 'large' });

    // Argo CD writes `revisions`/`sources` (and no `revision`/`source`) for multi-source apps (types.go SyncStatus,
    // RevisionHistory, SyncOperationResult).
    t.deepEqual(app.status?.sync?.revisions, [chartSha, valuesSha]);
    t.is(app.status?.sync?.revision, undefined);
    t.deepEqual(app.status?.sync?.comparedTo?.sources, sources);
    t.is(app.status?.sync?.comparedTo?.source, undefined);
    t.deepEqual((app.status as { sourceTypes?: string[] }).sourceTypes, ['Helm', '']);
    const history = app.status?.history ?? [];
    t.is(history.length, 1);
    t.deepEqual(history[0]?.revisions, [chartSha, valuesSha]);
    t.deepEqual(history[0]?.sources, sources);
    t.is(history[0]?.revision, undefined);
    t.is(history[0]?.source, undefined);
    t.deepEqual(app.status?.operationState?.syncResult?.revisions, [chartSha, valuesSha]);
    t.deepEqual(app.status?.operationState?.syncResult?.sources, sources);

    // A push to the values repo only, announced by its webhook: Argo CD matches every source of the app against the push
    // (webhook.go HandleEvent over `app.Spec.GetSources()`), so the ref source's repo refreshes the app.
    await world.api.repos.repoCreateHook('admin', 'values', {
      type: 'gitea',
      config: { url: world.controller.webhookUrl!, content_type: 'json' },
      events: ['push'],
      active: true,
    });
    const valuesSha2 = await values.push({ 'envs/prod/values.yaml': 'size: huge\n' });
    const resynced = await world.waitApp(
      'multi',
      (a) => synced(a) && a.status?.sync?.revisions?.[1] === valuesSha2 && (a.status.history?.length ?? 0) === 2,
      90_000,
    );
    t.deepEqual((await cm())?.['data'], { size: 'huge' });
    t.deepEqual(resynced.status?.history?.[1]?.revisions, [chartSha, valuesSha2]);
  },
);
