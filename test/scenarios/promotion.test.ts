import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: ~5 simulated minutes (3 of them prod waiting for its operator) in about 20 s. 40 passes on an idle
// machine, but rendering the Helm chart costs real CPU time: under load (2 shared cores, load average 12) one render
// took 55 simulated seconds at 20, so 40 would break the 1 m webhook → OutOfSync bound that tells a webhook from the
// 3 m poll.
test('promotion: develop reaches frontend-dev by itself; after the merge frontend-prod waits for its sync', async (t) => {
  const result = await runNamedScenario(t, 'promotion', { speed: 20 });
  t.true(result.passed);
  const events = result.timeline;
  const pushes = events.filter(
    (e) => e.component === 'scenario' && e.type === 'action' && e.data?.['action'] === 'push',
  );
  const mergePush = pushes.find((e) => e.data?.['branch'] === 'main');
  const sync = events.find((e) => e.component === 'scenario' && e.data?.['action'] === 'sync');
  t.truthy(mergePush);
  t.truthy(sync);
  const rolledOut = (subject: string) =>
    events.find(
      (e) =>
        e.component === 'deployment' &&
        e.subject === subject &&
        ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => i.endsWith(':v1.1.0')) &&
        e.data?.['ready'] === 2 &&
        e.data?.['updated'] === 2 &&
        e.data?.['total'] === 2,
    );
  const dev = rolledOut('dev/frontend');
  const prod = rolledOut('prod/frontend');
  t.truthy(dev, 'dev rolled out v1.1.0');
  t.true(dev!.at < mergePush!.at, 'dev before the merge');
  t.truthy(prod, 'prod rolled out v1.1.0');
  t.true(prod!.at > sync!.at, 'prod only after the operator synced');
  t.false(
    events.some((e) => e.component === 'probe' && e.type === 'failure'),
    'no request to dev/frontend or prod/frontend failed',
  );
});
