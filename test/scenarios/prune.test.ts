import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 40: the highest at which it passed every run on a shared 2-core machine (3 of 3, two of them with a
// second scenario running beside it); at 60 the wall time of a git push or a render becomes 40-70 simulated seconds
// and the webhook-driven bounds fail. Wall time ~6-12 s.
test('prune: removing wave-2-frontend.yaml deletes the frontend Deployment and Service, nothing else', async (t) => {
  const result = await runNamedScenario(t, 'prune', { speed: 40 });
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
