import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { configMap, startWorld } from './helpers.ts';

/**
 * The refresh annotation (argo-cd `common.AnnotationKeyRefresh`): `normal` re-compares against the latest commit and
 * may use the manifest cache; `hard` also bypasses it (`RefreshTypeHard` → the repo-server's `NoCache`). Both are
 * removed once the app is reconciled (`appcontroller.go` `processAppRefreshQueueItem` → `removeRefreshAnnotation`).
 */
const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'refreshed' };
const synced = (a: Application) => a.status?.sync?.status === 'Synced' && !a.operation;

test.serial(
  'refresh annotation: normal uses the manifest cache, hard re-renders; the annotation is removed',
  async (t) => {
    const world = await startWorld(t);
    const sha = await world.push({ 'refreshed/cm.yaml': configMap('refreshed') });
    await world.createApp('refreshed', {
      source: { repoURL: world.repoURL, path: 'refreshed' },
      syncPolicy: { automated: {} },
    });
    await world.waitApp('refreshed', synced, 60_000);

    const refreshWith = async (value: string) => {
      const from = world.logs.length;
      await world.client.mergePatch(ref, { metadata: { annotations: { 'argocd.argoproj.io/refresh': value } } });
      const app = await world.waitApp(
        'refreshed',
        (a) => a.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined,
        30_000,
      );
      const line = world.logs.slice(from).find((l) => l['msg'] === 'reconciled' && l['application'] === 'refreshed');
      return { app, line };
    };

    const normal = await refreshWith('normal');
    t.truthy(normal.line, 'a reconciled log line for the normal refresh');
    t.like(normal.line, { refresh: 'latest', manifestCache: 'hit', revision: sha, sync: 'Synced' });

    const hard = await refreshWith('hard');
    t.truthy(hard.line, 'a reconciled log line for the hard refresh');
    t.like(hard.line, { refresh: 'hard', manifestCache: 'miss', revision: sha, sync: 'Synced' });
    t.is(hard.app.metadata.annotations?.['argocd.argoproj.io/refresh'], undefined);
    t.is(hard.app.status?.sync?.status, 'Synced');
  },
);
