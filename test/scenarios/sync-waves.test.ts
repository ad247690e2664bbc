import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 40: the whole sync (hook, three waves, 2 s wave delays) takes about a simulated minute, 5–8 s of wall time;
// passed 3 of 3 alone and next to the other scenario tests. The assertions are about order, with bounds of 30 s–1 m
// (a reconcile or two, against Argo CD's 3 m poll), which keep their meaning at this speed.
test('sync-waves: migrate hook, then database → backend → frontend, each after the previous rolled out', async (t) => {
  const result = await runNamedScenario(t, 'sync-waves', { speed: 40 });
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
