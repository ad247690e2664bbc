import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~35-40 s.
test('registry-outage: the surge pod backs off while the old pods serve; the rollout completes after', async (t) => {
  const result = await runNamedScenario(t, 'registry-outage', { speed: 20 });
  t.true(result.passed);
  const timeline = result.timeline;
  const action = (name: string) =>
    timeline.find((e) => e.component === 'scenario' && e.type === 'action' && e.data?.['action'] === name);
  const outage = action('registry-outage');
  const restored = action('registry-restored');
  t.truthy(outage);
  t.truthy(restored);
  const frontendPods = timeline.filter((e) => e.component === 'pod' && e.subject.startsWith('dev/frontend-'));
  const reasons = new Set(
    frontendPods
      .filter((e) => e.type === 'failed' && e.at > outage!.at && e.at < restored!.at)
      .map((e) => e.data?.['reason']),
  );
  t.true(reasons.has('ErrImagePull') && reasons.has('ImagePullBackOff'), 'the pull failed and backed off');
  const newReady = frontendPods.filter(
    (e) => e.type === 'ready' && ((e.data?.['images'] as string[]) ?? []).some((i) => i.endsWith(':v1.1.0')),
  );
  t.is(newReady.length, 2, 'two v1.1.0 pods became ready');
  t.true(
    newReady.every((e) => e.at > restored!.at),
    'only after the registry was back',
  );
  const endpoints = timeline.filter(
    (e) => e.component === 'service' && e.subject === 'dev/frontend' && e.at > outage!.at,
  );
  t.true(
    endpoints.every((e) => Number(e.data?.['ready']) >= 2),
    'the Service kept 2 ready endpoints throughout',
  );
});
