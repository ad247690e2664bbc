import test from 'ava';
import { configMap, deployment, runSync, startHarness, syncOf } from './helpers.ts';

test('waves 0, 1, 2 are applied in order, each once the previous one is Healthy', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [deployment('c', { wave: 2 }), deployment('a', { wave: 0 }), deployment('b', { wave: 1 })],
  });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  t.is(last.message, 'successfully synced (all tasks run)');
  t.deepEqual(
    last.resources.map((r) => r.name),
    ['a', 'b', 'c'],
  );
  // Each wave's resource first appears only after the previous one has Succeeded (Healthy).
  const firstSeen = (name: string) => states.findIndex((s) => s.resources.some((r) => r.name === name));
  const healthyAt = (name: string) =>
    states.findIndex((s) => s.resources.some((r) => r.name === name && r.hookPhase === 'Succeeded'));
  t.true(firstSeen('b') >= healthyAt('a') && healthyAt('a') > firstSeen('a'));
  t.true(firstSeen('c') >= healthyAt('b') && healthyAt('b') > firstSeen('b'));
  t.true(states.some((s) => s.waitingFor === 'healthy state of apps/Deployment/a'));
  t.true(states.some((s) => s.waitingFor === 'healthy state of apps/Deployment/b'));
  // The last wave succeeds right after its apply (gitops-engine), so c is Synced but still Running.
  t.is(last.resources[2]!.hookPhase, 'Running');
  const created = async (name: string) =>
    Date.parse(
      (await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name }))!.metadata
        .creationTimestamp!,
    );
  const [a, b, c] = [await created('a'), await created('b'), await created('c')];
  t.true(b - a >= 2000, `b created ${b - a} ms after a`);
  t.true(c - b >= 2000, `c created ${c - b} ms after b`);
});

test('kinds without health succeed as soon as applied; the 2 s wave delay still separates the waves', async (t) => {
  const h = await startHarness(t);
  const start = h.clock.now();
  const sync = syncOf(h, {
    targets: [configMap('first', { 'argocd.argoproj.io/sync-wave': '-1' }), configMap('second')],
  });
  const states = await runSync(h, sync);
  t.is(states.at(-1)!.phase, 'Succeeded');
  t.true(h.clock.now() - start >= 2000);
  t.deepEqual(
    states.at(-1)!.resources.map((r) => [r.name, r.hookPhase]),
    [
      ['first', 'Succeeded'],
      ['second', 'Running'],
    ],
  );
});
