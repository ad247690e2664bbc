import test from 'ava';
import { runNamedScenario } from './run-scenario.ts';

// Speed 20: ~16 simulated minutes (the 600 s progress deadline before letsgo-dev is Degraded) in about a minute; the
// crash back-off (10 s … 300 s) and the webhook/sync steps keep their order and margins at this speed.
//
// Known platform bug (reported with issue #8): the simulated kubelet passes the readiness probe of a crashing image
// (`publishImage({crash: true})`) for ~1 s at every start, so the Deployment counts the crashing pod available,
// scales the good replica away, and letsgo-dev never reaches Degraded (ProgressDeadlineExceeded) while its service
// has no ready endpoint most of the time. Until src/kube/kubelet/pod/probe-stages.ts stops marking crashing
// containers ready, this test is expected to fail; make it `test(...)` again with the fix.
test('rollback: git revert brings letsgo-dev back; a history rollback leaves letsgo-prod OutOfSync on the old version', async (t) => {
  t.timeout(240_000);
  const result = await runNamedScenario(t, 'rollback', { speed: 20 });
  t.true(result.passed);
  const events = result.timeline;
  t.true(
    events.some(
      (e) =>
        e.component === 'pod' &&
        e.type === 'failed' &&
        e.subject.startsWith('letsgo-dev/backend-') &&
        e.data?.['reason'] === 'CrashLoopBackOff',
    ),
    'the broken build crash-looped',
  );
  const degraded = events.find(
    (e) => e.component === 'application' && e.subject === 'argocd/letsgo-dev' && e.data?.['status'] === 'Degraded',
  );
  t.truthy(degraded, 'letsgo-dev went Degraded');
  t.false(
    events.some(
      (e) => e.component === 'probe' && e.type === 'failure' && e.at < (degraded?.at ?? Number.POSITIVE_INFINITY),
    ),
    'the old replica answered every request while the broken build crash-looped',
  );
  const rollback = events.find((e) => e.component === 'scenario' && e.data?.['action'] === 'rollback');
  t.truthy(rollback);
  t.true(
    events.some(
      (e) =>
        e.component === 'application' &&
        e.subject === 'argocd/letsgo-prod' &&
        e.type === 'sync-status' &&
        e.data?.['status'] === 'OutOfSync' &&
        e.at > rollback!.at,
    ),
    'letsgo-prod OutOfSync after the rollback',
  );
});
