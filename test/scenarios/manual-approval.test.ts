import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

test('manual-approval: letsgo-prod waits OutOfSync until the operator syncs, then rolls over with no failed request', async (t) => {
  const result = await runNamedScenario(t, 'manual-approval');
  t.true(result.passed);
  const approval = result.timeline.find(
    (e) => e.component === 'scenario' && e.data?.['action'] === 'operator-approves',
  );
  const sync = result.timeline.find((e) => e.component === 'scenario' && e.data?.['action'] === 'app-sync');
  t.truthy(approval);
  t.true(sync !== undefined && sync.at >= approval!.at);
});
