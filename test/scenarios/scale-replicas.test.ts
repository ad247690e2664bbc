import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 40: the highest at which it passed every run on a shared 2-core machine (3 of 3, two of them with a
// second scenario running beside it); at 60 the wall time of a git push or a render becomes 40-70 simulated seconds
// and the webhook-driven bounds fail. Wall time ~5-10 s.
test('scale-replicas: a replicas change in git scales letsgo-dev backend to 3 ready pods', async (t) => {
  const result = await runNamedScenario(t, 'scale-replicas', { speed: 40 });
  t.true(result.passed);
  const timeline = result.timeline;
  const push = timeline.find((e) => e.component === 'git' && e.type === 'push' && e.subject.endsWith('/letsgo'));
  t.truthy(push, 'the push reached the git server');
  const synced = timeline.find(
    (e) =>
      e.component === 'application' &&
      e.type === 'operation' &&
      e.subject === 'argocd/letsgo-dev' &&
      e.data?.['phase'] === 'Succeeded' &&
      e.at >= push!.at,
  );
  t.truthy(synced, 'letsgo-dev synced after the push');
  const scaled = timeline.find(
    (e) => e.component === 'deployment' && e.subject === 'letsgo-dev/backend' && e.data?.['ready'] === 3,
  );
  t.truthy(scaled, 'letsgo-dev/backend reached 3 ready replicas');
  t.true(scaled!.at >= synced!.at);
  const newPods = timeline.filter(
    (e) =>
      e.component === 'pod' && e.type === 'ready' && e.subject.startsWith('letsgo-dev/backend-') && e.at > push!.at,
  );
  t.is(newPods.length, 2, 'two new backend pods became ready');
});
