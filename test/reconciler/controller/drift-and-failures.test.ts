import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { ROLLBACK_REFUSED } from '../../../src/reconciler/controller/index.ts';
import { configMap, deployment, startWorld } from './helpers.ts';

const synced = (a: Application) =>
  a.status?.sync?.status === 'Synced' &&
  a.status?.health?.status === 'Healthy' &&
  a.status?.operationState?.phase === 'Succeeded';

const appRef = (name: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  namespace: 'argocd',
  name,
});

test.serial('self-heal undoes kubectl scale with a selective sync and no new history entry', async (t) => {
  const world = await startWorld(t);
  await world.push({ 'heal/deploy.yaml': deployment('heal', 2) });
  await world.createApp('heal', {
    source: { repoURL: world.repoURL, path: 'heal' },
    syncPolicy: { automated: { selfHeal: true } },
  });
  const first = await world.waitApp('heal', synced);
  const scaled = await world.kubectl(['scale', 'deployment/heal', '-n', 'default', '--replicas=5']);
  t.is(scaled.exitCode, 0, scaled.stderr);
  const scaledAt = world.clock.now();
  const healed = await world.waitApp(
    'heal',
    (a) => a.status?.operationState?.startedAt !== first.status?.operationState?.startedAt && synced(a),
  );
  const op = healed.status!.operationState!;
  t.deepEqual(op.operation.sync?.resources, [
    { group: 'apps', kind: 'Deployment', name: 'heal', namespace: 'default' },
  ]);
  t.is((op.operation.sync as { selfHealAttemptsCount?: number }).selfHealAttemptsCount, 1);
  const started = world.logs.filter((l) => l['msg'] === 'operation started' && l['application'] === 'heal').at(-1);
  const latency = Date.parse(String(started!['time'])) - scaledAt;
  t.log(`kubectl scale returned → self-heal sync start: ${latency} ms (simulated, speed 10)`);
  t.true(latency < 2_000, `${latency} ms`);
  const live = await world.client.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'default',
    name: 'heal',
  });
  t.is((live?.['spec'] as { replicas?: number } | undefined)?.replicas, 2);
  t.is(healed.status?.history?.length, 1, 'selective syncs add no history');
});

test.serial('rollback is refused while automated sync is on', async (t) => {
  const world = await startWorld(t);
  const sha = await world.push({ 'rb/cm.yaml': configMap('rb') });
  await world.createApp('rb', {
    source: { repoURL: world.repoURL, path: 'rb' },
    syncPolicy: { automated: {} },
  });
  await world.waitApp('rb', (a) => a.status?.sync?.revision === sha);
  await world.controller.idle();
  await world.client.mergePatch(appRef('rb'), {
    operation: {
      sync: { revision: sha, source: { repoURL: world.repoURL, path: 'rb' } },
      initiatedBy: { username: 'admin' },
    },
  });
  const refused = await world.waitApp('rb', (a) => a.status?.operationState?.message === ROLLBACK_REFUSED);
  t.is(refused.operation, undefined);
  t.true(refused.status!.conditions!.some((c) => c.type === 'SyncError' && c.message === ROLLBACK_REFUSED));
});

test.serial(
  'a malformed manifest gives a ComparisonError, applies nothing, and leaves another app alone',
  async (t) => {
    const world = await startWorld(t);
    await world.push({
      'broken/good.yaml': configMap('broken-good'),
      'broken/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n',
      'fine/cm.yaml': configMap('fine'),
    });
    await world.createApp('broken', {
      source: { repoURL: world.repoURL, path: 'broken' },
      syncPolicy: { automated: {} },
    });
    await world.createApp('fine', { source: { repoURL: world.repoURL, path: 'fine' }, syncPolicy: { automated: {} } });
    const broken = await world.waitApp('broken', (a) =>
      Boolean(a.status?.conditions?.some((c) => c.type === 'ComparisonError')),
    );
    t.regex(broken.status!.conditions![0]!.message, /bad\.yaml/);
    t.is(broken.status?.sync?.status, 'Unknown');
    await world.waitApp('fine', synced);
    await world.controller.idle();
    t.is(
      await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'broken-good' }),
      undefined,
    );
    t.is((await world.getApp('broken')).operation, undefined);
  },
);

test.serial('an unknown kind fails the dry run: nothing of the app is applied', async (t) => {
  const world = await startWorld(t);
  await world.push({
    'unknown/cm.yaml': configMap('unknown-cm'),
    'unknown/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
  });
  await world.createApp('unknown', {
    source: { repoURL: world.repoURL, path: 'unknown' },
    syncPolicy: { automated: {}, retry: { limit: 0 } },
  });
  const app = await world.waitApp('unknown', (a) =>
    Boolean(
      a.status?.conditions?.some((c) => c.type === 'ComparisonError') ||
        ['Failed', 'Error'].includes(a.status?.operationState?.phase ?? ''),
    ),
  );
  t.log(JSON.stringify(app.status?.conditions ?? app.status?.operationState?.message));
  await world.controller.idle();
  t.is(
    await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'unknown-cm' }),
    undefined,
  );
});
