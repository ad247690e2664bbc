import test from 'ava';
import { configMap, startWorld } from './helpers.ts';

test.serial('install: CRDs established, default project, kubectl shows apps with Argo CD columns', async (t) => {
  const world = await startWorld(t);
  const crd = await world.client.get({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    name: 'applications.argoproj.io',
  });
  t.truthy(crd);
  t.is((crd!['spec'] as { subresources?: unknown }).subresources, undefined, 'no status subresource, as Argo CD');
  t.truthy(
    await world.client.get({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      namespace: 'argocd',
      name: 'default',
    }),
  );
  await world.push({ 'plain/cm.yaml': configMap('plain-cm') });
  await world.createApp('listed', { source: { repoURL: world.repoURL, path: 'plain', targetRevision: 'HEAD' } });
  await world.waitApp('listed', (a) => a.status?.sync?.status === 'OutOfSync');
  const listed = await world.kubectl(['get', 'apps', '-n', 'argocd']);
  t.is(listed.exitCode, 0, listed.stderr);
  t.regex(listed.stdout, /NAME\s+SYNC STATUS\s+HEALTH STATUS/);
  t.regex(listed.stdout, /listed\s+OutOfSync\s+Missing/);
});

test.serial(
  'manual sync app: compared, OutOfSync, resources listed, nothing applied without an operation',
  async (t) => {
    const world = await startWorld(t);
    const sha = await world.push({ 'manual/cm.yaml': configMap('manual-cm'), 'manual/other.yaml': configMap('b') });
    await world.createApp('manual', { source: { repoURL: world.repoURL, path: 'manual', targetRevision: 'main' } });
    const app = await world.waitApp('manual', (a) => a.status?.sync?.status === 'OutOfSync');
    t.is(app.status?.sync?.revision, sha);
    t.deepEqual(app.status?.sync?.comparedTo?.source, {
      repoURL: world.repoURL,
      path: 'manual',
      targetRevision: 'main',
    });
    t.is(app.status?.health?.status, 'Missing');
    t.is((app.status as { sourceType?: string }).sourceType, 'Directory');
    t.truthy(app.status?.reconciledAt);
    t.deepEqual(
      app.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}`),
      ['ConfigMap/b:OutOfSync', 'ConfigMap/manual-cm:OutOfSync'],
    );
    t.is(app.operation, undefined);
    t.is(app.status?.operationState, undefined);
    // Still nothing applied a while later.
    await world.clock.sleep(5_000);
    t.is(
      await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'manual-cm' }),
      undefined,
    );
    t.is((await world.getApp('manual')).operation, undefined);
  },
);

test.serial('unsupported fields and a missing project give InvalidSpecError naming them', async (t) => {
  const world = await startWorld(t);
  await world.push({ 'x/cm.yaml': configMap('x') });
  await world.createApp('invalid', {
    project: 'nope',
    source: { repoURL: world.repoURL, path: 'x', plugin: { name: 'cmp' } } as never,
  });
  const app = await world.waitApp('invalid', (a) => (a.status?.conditions?.length ?? 0) >= 2);
  const messages = app.status!.conditions!.filter((c) => c.type === 'InvalidSpecError').map((c) => c.message);
  t.true(
    messages.some((m) => m.includes('spec.source.plugin')),
    messages.join('; '),
  );
  t.true(messages.includes('Application referencing project nope which does not exist'));
  t.is(app.status?.sync?.status, 'Unknown');
});

test.serial('git outage: ComparisonError condition, then recovery clears it', async (t) => {
  const world = await startWorld(t);
  const sha = await world.push({ 'g/cm.yaml': configMap('g') });
  await world.createApp('outage', { source: { repoURL: world.repoURL, path: 'g' } });
  await world.waitApp('outage', (a) => a.status?.sync?.revision === sha);
  world.git.setAvailable(false);
  world.controller.refresh('outage');
  const failed = await world.waitApp('outage', (a) =>
    Boolean(a.status?.conditions?.some((c) => c.type === 'ComparisonError')),
  );
  t.is(failed.status?.sync?.status, 'Unknown');
  t.regex(failed.status!.conditions!.find((c) => c.type === 'ComparisonError')!.message, /Failed to load target state/);
  world.git.setAvailable(true);
  await world.client.mergePatch(
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'outage' },
    { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } },
  );
  const recovered = await world.waitApp('outage', (a) => a.status?.sync?.status === 'OutOfSync');
  t.is(recovered.status?.conditions, undefined);
  t.is(recovered.metadata.annotations?.['argocd.argoproj.io/refresh'], undefined, 'the refresh annotation is removed');
});

test.serial('polling: without a webhook, a push is picked up at the next poll (interval + jitter)', async (t) => {
  const world = await startWorld(t, { settings: { pollIntervalMs: 3_000, pollJitterMs: 1_000 } });
  await world.push({ 'poll/cm.yaml': configMap('poll', 'a') });
  await world.createApp('poll', { source: { repoURL: world.repoURL, path: 'poll' } });
  await world.waitApp('poll', (a) => a.status?.sync?.status === 'OutOfSync');
  const sha = await world.push({ 'poll/cm.yaml': configMap('poll', 'b') });
  await world.waitApp('poll', (a) => a.status?.sync?.revision === sha, 20_000);
  // Reconciles start at the polling rhythm: 3–4 s (interval + jitter) after the reconciledAt of the one before.
  const times = world.logs
    .filter((l) => l['msg'] === 'reconciled' && l['application'] === 'poll' && l['refresh'] === 'latest')
    .map((l) => Date.parse(String(l['time'])) - Number(l['durationMs']));
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  t.log(`gaps between polls: ${gaps.map((g) => Math.round(g)).join(', ')} ms`);
  t.true(gaps.length >= 1);
  // reconciledAt has second precision, so a poll can come up to 1 s before interval + jitter from the exact time.
  // No poll comes early; how late one comes measures the machine's load (the clock runs at wall speed here), so
  // the upper bound only checks that polling goes on rather than stopping.
  t.true(
    gaps.every((g) => g >= 2_000 && g <= 15_000),
    gaps.join(', '),
  );
});
