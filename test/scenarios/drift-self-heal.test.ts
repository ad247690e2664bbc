import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

test('drift-self-heal: hand edits on letsgo-dev are reverted; letsgo-prod shows the drift and keeps it', async (t) => {
  const result = await runNamedScenario(t, 'drift-self-heal');
  t.true(result.passed);
  const kinds = new Set(result.timeline.map((e) => `${e.component}/${e.type}`));
  for (const kind of ['scenario/action', 'application/sync-status', 'application/operation', 'deployment/rollout']) {
    t.true(kinds.has(kind), `the timeline records ${kind}`);
  }
  t.true(result.expectations.length >= 8);
  t.true(
    result.steps.every((step) => Math.abs(step.at - result.startedAt) < 3_600_000),
    'every step is dated in the scenario’s simulated time',
  );
});
