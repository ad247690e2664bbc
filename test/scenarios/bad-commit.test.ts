import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: passes every run, also with a second sandbox beside it (ava runs two test files at once). At 40 it
// passed alone but not always beside another sandbox: a webhook-driven refresh then took 53-56 simulated seconds
// (a git fetch and a render cost ~1.4 s of wall time), past the 45 s bound; at 60 it fails outright. Wall time ~20-25 s.
test('bad-commit: malformed YAML leaves waves Unknown with nothing applied; the fix syncs', async (t) => {
  const result = await runNamedScenario(t, 'bad-commit', { speed: 20 });
  t.true(result.passed);
  const timeline = result.timeline;
  const pushes = timeline.filter((e) => e.component === 'git' && e.type === 'push' && e.subject.endsWith('/waves'));
  // One event per commit pushed (a webhook the git server delivered twice would show the same commit twice).
  const commits = [...new Set(pushes.map((e) => String(e.data?.['after'])))];
  if (pushes.length !== commits.length)
    t.log(
      'repeated push deliveries:',
      pushes.map((e) => `${e.at} ${e.message}`),
    );
  t.is(commits.length, 2, 'the bad commit and the fix');
  const bad = pushes.find((e) => e.data?.['after'] === commits[0])!;
  const fix = pushes.find((e) => e.data?.['after'] === commits[1])!;
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
