import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: the whole sync (hook, three waves, 2 s wave delays) is under a simulated minute, about 15 s of wall time;
// higher speeds squeeze the reconcile and readiness periods that separate the waves into a few wall-clock ms.
test('sync-waves: migrate hook, then database → backend → frontend, each after the previous rolled out', async (t) => {
  const result = await runNamedScenario(t, 'sync-waves', { speed: 20 });
  t.true(result.passed);
  const events = result.timeline;
  const firstWith = (subject: string, done: boolean) =>
    events.find(
      (e) =>
        e.component === 'deployment' &&
        e.subject === subject &&
        ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => i.endsWith(':v1.1.0')) &&
        (!done || (e.data?.['ready'] === 1 && e.data?.['updated'] === 1 && e.data?.['total'] === 1)),
    );
  const hook = events.find(
    (e) => e.component === 'pod' && e.type === 'created' && e.subject.startsWith('waves/migrate-'),
  );
  t.truthy(hook, 'the migrate hook ran');
  let previous = hook!.at;
  for (const tier of ['database', 'backend', 'frontend']) {
    const start = firstWith(`waves/${tier}`, false);
    const done = firstWith(`waves/${tier}`, true);
    t.truthy(start, `${tier} rolled out`);
    t.truthy(done, `${tier} completed`);
    t.true(start!.at > previous, `${tier} started after the previous wave completed`);
    previous = done!.at;
  }
  t.false(
    events.some((e) => e.component === 'probe' && e.type === 'failure'),
    'no request to the three tiers failed',
  );
});
