import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: ~6 simulated minutes (the 50 s grace period and the 300 s default toleration) in about 25 s. At 40 a busy
// machine (2 cores shared) delayed the NotReady mark by 6 s past the 55 s bound; at 20 the ±5 s timings hold.
test('node-failure: a stopped worker goes NotReady, its pods are evicted after 300 s and replaced', async (t) => {
  const result = await runNamedScenario(t, 'node-failure', { speed: 20 });
  t.true(result.passed);
  const events = result.timeline;
  const stop = events.find(
    (e) => e.component === 'scenario' && e.type === 'action' && e.data?.['action'] === 'stop-node',
  );
  t.truthy(stop, 'the scenario stopped a node');
  const node = String(stop!.data!['node']);
  const notReady = events.find((e) => e.component === 'node' && e.subject === node && e.data?.['status'] === 'Unknown');
  t.truthy(notReady, `${node} went Unknown`);
  // Kubernetes' defaults: Unknown 40–55 s after the last heartbeat, eviction 300 s after the taint.
  const afterStop = (notReady!.at - stop!.at) / 1000;
  t.true(afterStop >= 39 && afterStop <= 60, `NotReady ${afterStop}s after the stop`);
  const evicted = events.find(
    (e) => e.component === 'pod' && e.type === 'terminating' && e.subject.startsWith('letsgo-prod/'),
  );
  t.truthy(evicted, 'letsgo-prod pods were evicted');
  const afterNotReady = (evicted!.at - notReady!.at) / 1000;
  t.true(afterNotReady >= 299 && afterNotReady <= 315, `evicted ${afterNotReady}s after NotReady`);
  t.true(
    events.some(
      (e) =>
        e.component === 'pod' &&
        e.type === 'ready' &&
        e.subject.startsWith('letsgo-prod/') &&
        e.at > evicted!.at &&
        e.data?.['node'] !== node,
    ),
    'replacements became ready on the other worker',
  );
  t.true(
    events.some(
      (e) => e.component === 'node' && e.subject === node && e.data?.['status'] === 'True' && e.at > evicted!.at,
    ),
  );
});
