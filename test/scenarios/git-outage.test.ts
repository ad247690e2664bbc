import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 40: the highest at which it passed every run on a shared 2-core machine (3 of 3, two of them with a
// second scenario running beside it); at 60 the wall time of a git push or a render becomes 40-70 simulated seconds
// and the webhook-driven bounds fail. Wall time ~15-20 s.
test('git-outage: apps go Unknown, no pod is lost, the commit held during the outage syncs after it', async (t) => {
  const result = await runNamedScenario(t, 'git-outage', { speed: 40 });
  t.true(result.passed);
  const timeline = result.timeline;
  const action = (name: string) =>
    timeline.find((e) => e.component === 'scenario' && e.type === 'action' && e.data?.['action'] === name);
  const outage = action('git-outage');
  const restored = action('git-restored');
  t.truthy(outage);
  t.truthy(restored);
  const during = timeline.filter((e) => e.at > outage!.at && e.at < restored!.at);
  const unknown = new Set(
    during
      .filter((e) => e.component === 'application' && e.type === 'sync-status' && e.data?.['status'] === 'Unknown')
      .map((e) => e.subject),
  );
  t.is(unknown.size, 6, 'every Application failed to compare during the outage');
  t.false(
    during.some((e) => e.component === 'pod' && (e.type === 'terminating' || e.type === 'deleted')),
    'no pod went away during the outage',
  );
  t.false(
    during.some((e) => e.component === 'git' && e.type === 'push'),
    'the git server accepted no push during the outage',
  );
  t.true(
    timeline.some(
      (e) =>
        e.component === 'application' &&
        e.subject === 'argocd/letsgo-dev' &&
        e.type === 'operation' &&
        e.data?.['phase'] === 'Succeeded' &&
        e.at > restored!.at,
    ),
    'letsgo-dev synced the held commit after the outage',
  );
});
