import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~6-9 s.
test('add-env-var: a new env var rolls letsgo-dev backend without losing its endpoints', async (t) => {
  const result = await runNamedScenario(t, 'add-env-var', { speed: 20 });
  t.true(result.passed);
  const timeline = result.timeline;
  const push = timeline.find((e) => e.component === 'git' && e.type === 'push' && e.subject.endsWith('/letsgo'));
  t.truthy(push);
  const backendPods = (type: string) =>
    timeline.filter(
      (e) => e.component === 'pod' && e.type === type && e.subject.startsWith('letsgo-dev/backend-') && e.at > push!.at,
    );
  const [created] = backendPods('created');
  const [terminating] = backendPods('terminating');
  t.truthy(created, 'a new backend pod was created');
  t.truthy(terminating, 'the old backend pod was terminated');
  t.not(created!.subject, terminating!.subject);
  const newReady = backendPods('ready').find((e) => e.subject === created!.subject);
  t.truthy(newReady);
  t.true(newReady!.at <= terminating!.at, 'the new pod was Ready before the old one terminated');
  const endpoints = timeline.filter(
    (e) => e.component === 'service' && e.subject === 'letsgo-dev/backend' && e.at > push!.at,
  );
  t.true(endpoints.length > 0 && endpoints.every((e) => Number(e.data?.['ready']) >= 1));
});
