import test from 'ava';
import { hookName } from '../../../../src/reconciler/sync/plan/index.ts';
import { configMap, deployment, hookJob, runSync, startHarness, syncOf } from './helpers.ts';

const jobRef = (name: string) => ({ apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name });

test('a PreSync Job hook runs to completion before the Sync wave, then is deleted (HookSucceeded)', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [
      deployment('web'),
      hookJob({ generateName: 'migrate-', hook: 'PreSync', deletePolicy: 'HookSucceeded', runSeconds: 3 }),
    ],
  });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Succeeded', last.message);
  const name = hookName({
    generateName: 'migrate-',
    revision: '0123456789abcdef',
    phase: 'PreSync',
    startedAt: 0,
  }).replace(/-0$/, '');
  const hook = last.resources.find((r) => r.kind === 'Job')!;
  t.true(hook.name.startsWith(`${name}-`), hook.name);
  t.is(hook.hookType, 'PreSync');
  t.is(hook.hookPhase, 'Succeeded');
  t.is(hook.syncPhase, 'PreSync');
  // The Deployment was applied only after the hook completed.
  const hookDone = states.findIndex((s) => s.resources.some((r) => r.kind === 'Job' && r.hookPhase === 'Succeeded'));
  const webSeen = states.findIndex((s) => s.resources.some((r) => r.name === 'web'));
  t.true(webSeen >= hookDone && hookDone >= 0);
  t.true(states.some((s) => s.waitingFor === `completion of hook batch/Job/${hook.name}`));
  // Deleted per policy: gone, or at least being deleted with its hook finalizer removed.
  const live = await h.client.get(jobRef(hook.name));
  t.true(
    live === undefined ||
      (live.metadata.deletionTimestamp !== undefined &&
        !live.metadata.finalizers?.includes('argocd.argoproj.io/hook-finalizer')),
  );
});

test('a hook without delete policy is kept (BeforeHookCreation), loses its finalizer, and is replaced by the next sync', async (t) => {
  const h = await startHarness(t);
  const targets = [configMap('settings'), hookJob({ name: 'seed', hook: 'PostSync', runSeconds: 1 })];
  const first = await runSync(h, syncOf(h, { targets }));
  t.is(first.at(-1)!.phase, 'Succeeded', first.at(-1)!.message);
  const kept = await h.client.get(jobRef('seed'));
  t.truthy(kept);
  t.deepEqual(kept!.metadata.finalizers ?? [], []);
  const second = await runSync(h, syncOf(h, { targets }));
  t.is(second.at(-1)!.phase, 'Succeeded', second.at(-1)!.message);
  t.true(second.some((s) => s.waitingFor === 'deletion of batch/Job/seed'));
  const replaced = await h.client.get(jobRef('seed'));
  t.not(replaced!.metadata.uid, kept!.metadata.uid);
});

test('a failing PreSync hook fails the sync, applies nothing of the Sync phase, and runs the SyncFail hooks', async (t) => {
  const h = await startHarness(t);
  const sync = syncOf(h, {
    targets: [
      deployment('web'),
      hookJob({ name: 'check', hook: 'PreSync', exitCode: 1, runSeconds: 1, deletePolicy: 'HookFailed' }),
      hookJob({ name: 'notify', hook: 'SyncFail', runSeconds: 1 }),
    ],
  });
  const states = await runSync(h, sync);
  const last = states.at(-1)!;
  t.is(last.phase, 'Failed');
  t.is(last.message, 'one or more synchronization tasks completed unsuccessfully');
  t.deepEqual(
    last.resources.map((r) => [r.name, r.syncPhase, r.hookPhase]),
    [
      ['check', 'PreSync', 'Failed'],
      ['notify', 'SyncFail', 'Succeeded'],
    ],
  );
  t.true(states.some((s) => s.phase === 'Running' && s.waitingFor === 'completion of hook batch/Job/notify'));
  t.is(await h.client.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }), undefined);
  const check = await h.client.get(jobRef('check'));
  t.true(check === undefined || check.metadata.deletionTimestamp !== undefined, 'HookFailed deletes the failed hook');
});
