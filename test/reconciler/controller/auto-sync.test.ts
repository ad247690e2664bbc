import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { configMap, deployment, service, startWorld } from './helpers.ts';

const synced = (a: Application) =>
  a.status?.sync?.status === 'Synced' &&
  a.status?.health?.status === 'Healthy' &&
  a.status?.operationState?.phase === 'Succeeded';

test.serial('a plain directory app is auto-synced to Synced/Healthy, with history, events and images', async (t) => {
  const world = await startWorld(t);
  const sha = await world.push({
    'guestbook/deploy.yaml': deployment('guestbook', 2),
    'guestbook/svc.yaml': service('guestbook'),
  });
  await world.createApp('guestbook', {
    source: { repoURL: world.repoURL, path: 'guestbook', targetRevision: 'HEAD' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  });
  const app = await world.waitApp('guestbook', synced);
  t.is(app.status?.sync?.revision, sha);
  t.is(app.operation, undefined, 'the finished operation is removed');
  const op = app.status!.operationState!;
  t.deepEqual(op.operation.initiatedBy, { automated: true });
  t.is(op.operation.sync?.revision, sha);
  t.deepEqual(op.operation.retry, { limit: 5 });
  t.is(op.syncResult?.revision, sha);
  t.truthy(op.finishedAt);
  t.deepEqual(op.syncResult?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}`).sort(), [
    'Deployment/guestbook:Synced',
    'Service/guestbook:Synced',
  ]);
  t.is(app.status?.history?.length, 1);
  t.like(app.status!.history![0], { id: 0, revision: sha, initiatedBy: { automated: true } });
  t.deepEqual(app.status?.summary?.images, ['nginx:1.27']);
  const live = await world.client.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'default',
    name: 'guestbook',
  });
  t.is(live?.metadata.annotations?.['argocd.argoproj.io/tracking-id'], 'guestbook:apps/Deployment:default/guestbook');
  const events = await world.client.list('v1', 'Event', { namespace: 'argocd' });
  const reasons = events.items
    .filter((e) => (e['involvedObject'] as { name?: string }).name === 'guestbook')
    .map((e) => `${e['reason']}: ${e['message']}`);
  t.true(reasons.includes(`OperationStarted: Initiated automated sync to '${sha}'`), reasons.join('\n'));
  t.true(reasons.includes(`OperationCompleted: Sync operation to ${sha} succeeded`), reasons.join('\n'));
  t.true(reasons.includes('ResourceUpdated: Updated sync status: OutOfSync -> Synced'), reasons.join('\n'));
});

test.serial('Kustomize app with dev and prod overlays', async (t) => {
  const world = await startWorld(t);
  await world.push({
    'kapp/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'kapp/base/deploy.yaml': deployment('web', 1),
    'kapp/overlays/dev/kustomization.yaml': 'resources: [../../base]\nnamePrefix: dev-\n',
    'kapp/overlays/prod/kustomization.yaml':
      'resources: [../../base]\nnamePrefix: prod-\nreplicas: [{name: web, count: 2}]\nimages: [{name: nginx, newTag: "1.28"}]\n',
  });
  for (const env of ['dev', 'prod']) {
    await world.createApp(`kapp-${env}`, {
      source: { repoURL: world.repoURL, path: `kapp/overlays/${env}` },
      destination: { server: 'https://kubernetes.default.svc', namespace: env },
      syncPolicy: { automated: {}, syncOptions: ['CreateNamespace=true'] },
    });
  }
  const prod = await world.waitApp('kapp-prod', synced, 90_000);
  await world.waitApp('kapp-dev', synced, 90_000);
  t.is((prod.status as { sourceType?: string }).sourceType, 'Kustomize');
  t.deepEqual(prod.status?.summary?.images, ['nginx:1.28']);
  const prodDeploy = await world.client.get({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'prod',
    name: 'prod-web',
  });
  t.is((prodDeploy?.['spec'] as { replicas?: number } | undefined)?.replicas, 2);
  t.truthy(await world.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'dev', name: 'dev-web' }));
});

test.serial('Helm app with values and parameters', async (t) => {
  const world = await startWorld(t);
  await world.push({
    'chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\n',
    'chart/values.yaml': 'replicas: 1\nimage: nginx:1.26\n',
    'chart/templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cfg\ndata:\n  replicas: "{{ .Values.replicas }}"\n',
  });
  await world.createApp('helm-app', {
    source: {
      repoURL: world.repoURL,
      path: 'chart',
      helm: { releaseName: 'demo', parameters: [{ name: 'replicas', value: '3' }] },
    },
    syncPolicy: { automated: {} },
  });
  const app = await world.waitApp('helm-app', synced, 90_000);
  t.is((app.status as { sourceType?: string }).sourceType, 'Helm');
  const cm = await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'demo-cfg' });
  t.deepEqual(cm?.['data'], { replicas: '3' });
});

test.serial('a push with a webhook leads to a sync well before the polling interval', async (t) => {
  const world = await startWorld(t, { speed: 1 });
  await world.push({ 'hooked/cm.yaml': configMap('hooked', 'one') });
  await world.createApp('hooked', {
    source: { repoURL: world.repoURL, path: 'hooked' },
    syncPolicy: { automated: {} },
  });
  await world.waitApp('hooked', synced);
  await world.api.repos.repoCreateHook('admin', 'apps', {
    type: 'gitea',
    config: { url: world.controller.webhookUrl!, content_type: 'json' },
    events: ['push'],
    active: true,
  });
  const pushedAt = world.clock.now();
  const sha = await world.push({ 'hooked/cm.yaml': configMap('hooked', 'two') });
  const app = await world.waitApp(
    'hooked',
    (a) => a.status?.operationState?.syncResult?.revision === sha && a.status.operationState.phase === 'Succeeded',
    20_000,
  );
  // operationState.startedAt has second precision; the controller's log line has milliseconds.
  const started = world.logs.find(
    (l) =>
      l['msg'] === 'operation started' && l['application'] === 'hooked' && JSON.stringify(l['operation']).includes(sha),
  );
  t.truthy(started);
  t.is(app.status!.operationState!.operation.sync?.revision, sha);
  const latency = Date.parse(String(started!['time'])) - pushedAt;
  t.log(`push → sync start: ${latency} ms (polling interval 120 000 ms)`);
  t.true(latency < 5_000, `sync started ${latency} ms after the push`);
  const cm = await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'hooked' });
  t.deepEqual(cm?.['data'], { value: 'two' });
});

test.serial('a burst of webhook pushes coalesces into few refreshes; bad signature 401; oversize 413', async (t) => {
  const world = await startWorld(t, { settings: { webhook: { secrets: { gogs: 's3cret' }, maxPayloadBytes: 2048 } } });
  await world.push({ 'burst/cm.yaml': configMap('burst') });
  await world.createApp('burst', { source: { repoURL: world.repoURL, path: 'burst' } });
  await world.waitApp('burst', (a) => a.status?.sync?.status === 'OutOfSync');
  await world.controller.idle();
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: '1'.repeat(40),
    repository: { html_url: world.repoURL.replace(/\.git$/, ''), default_branch: 'main' },
    commits: [],
  });
  const { createHmac } = await import('node:crypto');
  const sign = (text: string) => createHmac('sha256', 's3cret').update(text).digest('hex');
  const post = (text: string, signature: string) =>
    fetch(world.controller.webhookUrl!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Gogs-Event': 'push', 'X-Gogs-Signature': signature },
      body: text,
    });
  t.is((await post(body, 'bad')).status, 401);
  t.is((await post(`${body}${' '.repeat(4096)}`, sign(`${body}${' '.repeat(4096)}`))).status, 413);
  const before = world.logs.filter((l) => l['msg'] === 'reconciled' && l['application'] === 'burst').length;
  const responses = await Promise.all(Array.from({ length: 20 }, () => post(body, sign(body))));
  t.true(responses.every((r) => r.status === 200));
  t.is(await responses[0]!.text(), 'queued\n');
  await world.controller.idle();
  const refreshes = world.logs.filter((l) => l['msg'] === 'reconciled' && l['application'] === 'burst').length - before;
  t.log(`20 pushes → ${refreshes} refreshes`);
  t.true(refreshes >= 1 && refreshes <= 2, `${refreshes} refreshes`);
});
