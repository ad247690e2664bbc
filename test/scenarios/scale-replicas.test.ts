import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~6-9 s.
test('scale-replicas: a replicas change in git scales letsgo-dev backend to 3 ready pods', async (t) => {
  const result = await runNamedScenario(t, 'scale-replicas', { speed: 20 });
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
