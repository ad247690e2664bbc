import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import test from 'ava';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { SeedError, waitForWorld } from '../../../src/providers/seed/index.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';
import { ClusterClient } from '../../../src/reconciler/cluster/index.ts';
import { installReconcilerManifests } from '../../../src/reconciler/manifests/index.ts';

const app = (name: string, status: Record<string, unknown>): KubeObject =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'http://git.example/x.git', path: '.' },
      destination: { server: 'https://kubernetes.default.svc' },
    },
    status,
  }) as KubeObject;

const good = { sync: { status: 'Synced' }, health: { status: 'Healthy' } };

test('waitForWorld: times out listing each app that is not Synced and Healthy, then resolves once they all are', async (t) => {
  const clock = new ScaledClock({ speed: 200 });
  await using server = await startApiServer({ clock });
  const dir = await mkdtemp(join(tmpdir(), 'wait-for-world-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfigFor(server.url));
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  const client = new ClusterClient(config);
  await installReconcilerManifests(client, { clock });
  await client.create(app('ok', good));
  await client.create(
    app('broken', {
      sync: { status: 'OutOfSync' },
      health: { status: 'Degraded', message: 'Deployment backend exceeded its progress deadline' },
      conditions: [{ type: 'SyncError', message: 'Failed last sync attempt' }],
      operationState: { phase: 'Failed', message: 'one or more objects failed to apply' },
    }),
  );
  await client.create(app('syncing', { ...good, operationState: { phase: 'Running', message: 'waiting for wave 1' } }));

  const error = await t.throwsAsync(
    waitForWorld(kubeconfigPath, ['ok', { name: 'broken' }, 'syncing', 'missing'], { clock, timeoutMs: 5_000 }),
    { instanceOf: SeedError },
  );
  t.is((error as SeedError).code, 'WorldNotReady');
  t.regex(error!.message, /within 5 s/);
  t.regex(error!.message, /argocd\/ok: sync Synced; health Healthy\n/);
  t.regex(
    error!.message,
    /argocd\/broken: sync OutOfSync; health Degraded \(Deployment backend exceeded its progress deadline\); SyncError: Failed last sync attempt; operation Failed: one or more objects failed to apply/,
  );
  t.regex(error!.message, /argocd\/syncing: .*operation Running: waiting for wave 1/);
  t.regex(error!.message, /argocd\/missing: not found/);

  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd' };
  const waiting = waitForWorld(kubeconfigPath, ['ok', 'broken', 'syncing'], { clock, timeoutMs: 60_000 });
  await client.mergePatch({ ...ref, name: 'broken' }, { status: { ...good, conditions: null, operationState: null } });
  await client.mergePatch({ ...ref, name: 'syncing' }, { status: { operationState: { phase: 'Succeeded' } } });
  await t.notThrowsAsync(waiting);
});
