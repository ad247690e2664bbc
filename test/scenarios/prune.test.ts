import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~8-16 s.
test('prune: removing wave-2-frontend.yaml deletes the frontend Deployment and Service, nothing else', async (t) => {
  const result = await runNamedScenario(t, 'prune', { speed: 20 });
  t.true(result.passed);
  const timeline = result.timeline;
  const push = timeline.find((e) => e.component === 'git' && e.type === 'push' && e.subject.endsWith('/waves'));
  t.truthy(push);
  const after = timeline.filter((e) => e.at > push!.at);
  const podsOf = (tier: string, type: string) =>
    after.filter((e) => e.component === 'pod' && e.type === type && e.subject.startsWith(`waves/${tier}-`));
  t.is(podsOf('frontend', 'deleted').length, 1, 'the frontend pod was deleted');
  t.is(
    podsOf('database', 'deleted').length + podsOf('backend', 'deleted').length,
    0,
    'the other tiers kept their pods',
  );
  t.true(podsOf('migrate', 'created').length >= 1, 'the sync ran the PreSync hook');
  t.true(
    after.some(
      (e) => e.component === 'application' && e.subject === 'argocd/waves' && e.data?.['phase'] === 'Succeeded',
    ),
  );
});
