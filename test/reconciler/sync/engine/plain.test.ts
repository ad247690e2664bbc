import test from 'ava';
import { resourceHealth } from '../../../../src/reconciler/health/index.ts';
import { deployment, runSync, service, startHarness, syncOf } from './helpers.ts';

test('a plain Deployment and Service: one step applies both and succeeds, as a single-wave sync does', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, { targets: [deployment('web'), service('web')] });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded');
  t.is(last.message, 'successfully synced (all tasks run)');
  t.is(states.length, 1);
  t.deepEqual(
    last.resources.map((r) => [r.kind, r.name, r.status, r.hookPhase, r.syncPhase]),
    [
      ['Service', 'web', 'Synced', 'Running', 'Sync'],
      ['Deployment', 'web', 'Synced', 'Running', 'Sync'],
    ],
  );
  t.is(last.resources[1]!.message, 'deployment.apps/web serverside-applied');
  const live = await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
  t.is(live?.metadata.managedFields?.[0]?.manager, 'argocd-controller');
  // The real controllers and kubelets then make it Healthy.
  for (let i = 0; i < 200; i++) {
    const d = await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    if (d && resourceHealth(d)?.status === 'Healthy') return t.pass();
    await h.clock.sleep(500);
  }
  t.fail('the Deployment never became Healthy');
});
