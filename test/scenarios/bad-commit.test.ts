import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 40: the highest at which it passed every run on a shared 2-core machine (3 of 3, two of them with a
// second scenario running beside it); at 60 the wall time of a git push or a render becomes 40-70 simulated seconds
// and the webhook-driven bounds fail. Wall time ~11-20 s.
test('bad-commit: malformed YAML leaves waves Unknown with nothing applied; the fix syncs', async (t) => {
  const result = await runNamedScenario(t, 'bad-commit', { speed: 40 });
  t.true(result.passed);
  const timeline = result.timeline;
  const pushes = timeline.filter((e) => e.component === 'git' && e.type === 'push' && e.subject.endsWith('/waves'));
  t.is(pushes.length, 2, 'the bad commit and the fix');
  const [bad, fix] = pushes as [(typeof pushes)[0], (typeof pushes)[0]];
  const waves = timeline.filter((e) => e.component === 'application' && e.subject === 'argocd/waves');
  t.true(
    waves.some((e) => e.type === 'sync-status' && e.data?.['status'] === 'Unknown' && e.at > bad.at && e.at < fix.at),
    'waves was Unknown between the bad commit and the fix',
  );
  t.false(
    waves.some((e) => e.type === 'operation' && e.at > bad.at && e.at < fix.at),
    'no sync ran on the bad commit',
  );
  t.true(
    waves.some((e) => e.type === 'operation' && e.data?.['phase'] === 'Succeeded' && e.at > fix.at),
    'the fix synced',
  );
  const condition = result.expectations.find((e) => e.description.includes('ComparisonError that names'));
  t.true(condition?.passed);
  t.regex(condition?.message ?? '', /wave-1-backend\.yaml at line \d+/);
});
