import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~25-30 s.
test('git-outage: apps go Unknown, no pod is lost, the commit held during the outage syncs after it', async (t) => {
  const result = await runNamedScenario(t, 'git-outage', { speed: 20 });
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
