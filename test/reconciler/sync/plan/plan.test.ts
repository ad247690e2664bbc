import test from 'ava';
import {
  createSyncTask,
  hookName,
  isMultiStep,
  nextWave,
  planSyncTasks,
  pruneDecision,
  rewavePruneTasks,
  type SyncTask,
  taskKey,
} from '../../../../src/reconciler/sync/plan/index.ts';
import { res, wave } from './fixtures.ts';

const show = (tasks: SyncTask[]) =>
  tasks.map((t) => `${t.phase}/${t.wave} ${t.isPrune ? 'prune ' : ''}${t.kind}/${t.name}`);
const prune = (name: string, annotations: Record<string, string> = {}) =>
  createSyncTask({ phase: 'Sync', live: res('v1', 'ConfigMap', name, { namespace: 'default', annotations }) });
const apply = (name: string, w: number) =>
  createSyncTask({
    phase: 'Sync',
    target: res('v1', 'ConfigMap', name, { namespace: 'default', annotations: wave(w) }),
  });

test('prune waves are mirrored; PruneLast goes to the last Sync wave + 1 (sync_context.go)', (t) => {
  const tasks = [prune('p0', wave(0)), prune('p1', wave(1)), prune('p5', wave(5)), apply('a3', 3)];
  t.deepEqual(show(rewavePruneTasks(tasks)), [
    'Sync/5 prune ConfigMap/p0',
    'Sync/1 prune ConfigMap/p1',
    'Sync/0 prune ConfigMap/p5',
    'Sync/3 ConfigMap/a3',
  ]);
  // After mirroring the last Sync wave is 5 (p0), so PruneLast lands at 6.
  t.deepEqual(show(rewavePruneTasks(tasks, { pruneLast: true })).slice(0, 3), [
    'Sync/6 prune ConfigMap/p0',
    'Sync/6 prune ConfigMap/p1',
    'Sync/6 prune ConfigMap/p5',
  ]);
  const annotated = [
    prune('last', { 'argocd.argoproj.io/sync-options': 'PruneLast=true', ...wave(-4) }),
    apply('a', -2),
  ];
  t.deepEqual(
    show(rewavePruneTasks(annotated)),
    ['Sync/1 prune ConfigMap/last', 'Sync/-2 ConfigMap/a'],
    'never below wave 0 + 1',
  );
});

test('prune decisions and messages (TestDoNotPrunePruneFalse)', (t) => {
  const cases: [SyncTask, Parameters<typeof pruneDecision>[1], ReturnType<typeof pruneDecision>][] = [
    [prune('a'), { prune: false }, { action: 'skip', status: 'PruneSkipped', message: 'ignored (requires pruning)' }],
    [
      prune('a', { 'argocd.argoproj.io/sync-options': 'Prune=false' }),
      { prune: true },
      { action: 'skip', status: 'PruneSkipped', message: 'ignored (no prune)' },
    ],
    [
      prune('a'),
      { prune: true, appPruneOption: 'false' },
      { action: 'skip', status: 'PruneSkipped', message: 'ignored (no prune)' },
    ],
    [
      prune('a', { 'argocd.argoproj.io/sync-options': 'Prune=true' }),
      { prune: true, appPruneOption: 'false' },
      { action: 'prune', status: 'Pruned', message: 'pruned' },
    ],
    [prune('a', { 'argocd.argoproj.io/sync-options': 'Prune=confirm' }), { prune: true }, { action: 'confirm' }],
    [
      prune('a'),
      { prune: true, appPruneOption: 'confirm', confirmed: true, dryRun: true },
      { action: 'prune', status: 'Pruned', message: 'pruned (dry run)' },
    ],
  ];
  for (const [task, options, expected] of cases) t.deepEqual(pruneDecision(task, options), expected);
});

test('nextWave picks the lowest pending (phase, wave), never SyncFail', (t) => {
  const tasks = planSyncTasks({
    resources: [
      { target: res('v1', 'ConfigMap', 'a', { annotations: wave(1) }) },
      { target: res('v1', 'ConfigMap', 'b', { annotations: wave(1) }) },
      { target: res('apps/v1', 'Deployment', 'web') },
    ],
    hooks: [
      res('batch/v1', 'Job', 'pre', { annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }),
      res('batch/v1', 'Job', 'fail', { annotations: { 'argocd.argoproj.io/hook': 'SyncFail' } }),
    ],
    revision: 'abc',
    startedAt: 0,
    namespace: 'default',
  });
  const done = new Set<string>();
  const steps: string[] = [];
  for (
    let step = nextWave(tasks, (x) => !done.has(taskKey(x)));
    step;
    step = nextWave(tasks, (x) => !done.has(taskKey(x)))
  ) {
    steps.push(`${step.phase}/${step.wave} [${step.tasks.map((x) => x.name).join(',')}]${step.final ? ' final' : ''}`);
    for (const x of step.tasks) done.add(taskKey(x));
  }
  t.deepEqual(steps, ['PreSync/0 [pre]', 'Sync/0 [web]', 'Sync/1 [a,b] final']);
  t.true(isMultiStep(tasks));
  t.false(
    isMultiStep(
      planSyncTasks({
        resources: [{ target: res('v1', 'ConfigMap', 'a') }],
        revision: 'x',
        startedAt: 0,
        namespace: 'd',
      }),
    ),
  );
  t.is(
    nextWave([], () => true),
    undefined,
  );
});

test('hook names from generateName: <rev7>-<phase>-<unix>, lowercased', (t) => {
  t.is(
    hookName({
      generateName: 'migrate-',
      revision: '0123456789abcdef',
      phase: 'PreSync',
      startedAt: 1_700_000_000_999,
    }),
    'migrate-0123456-presync-1700000000',
  );
  t.is(
    hookName({ generateName: 'x-', revision: 'ABCDEFG', phase: 'PostSync', startedAt: 5000 }),
    'x-abcdefg-postsync-5',
  );
  t.is(hookName({ generateName: 'x-', revision: 'ABCDEFGH', phase: 'Sync', startedAt: 0 }), 'x-abcdefg-sync-0');
});

test('planSyncTasks: hooks named, finalized, namespaced; live paired; skipHooks; Skip resources', (t) => {
  // The live hook from an earlier attempt carries the hook annotation, so it is paired, never pruned.
  const live = res('batch/v1', 'Job', 'db-0123456-presync-100', {
    namespace: 'app',
    annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
  });
  const input = {
    resources: [
      { target: res('v1', 'ConfigMap', 'cfg') },
      { target: res('v1', 'ConfigMap', 'skipped', { annotations: { 'argocd.argoproj.io/hook': 'Skip' } }) },
      { live: res('v1', 'Secret', 'old', { namespace: 'app' }) },
      { live },
    ],
    hooks: [
      res('batch/v1', 'Job', '', {
        generateName: 'db-',
        annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' },
      }),
    ],
    revision: '0123456789',
    startedAt: 100_000,
    namespace: 'app',
  };
  const tasks = planSyncTasks(input);
  t.deepEqual(show(tasks), ['PreSync/0 Job/db-0123456-presync-100', 'Sync/0 prune Secret/old', 'Sync/0 ConfigMap/cfg']);
  const hook = tasks[0]!;
  t.like(hook, { isHook: true, hookType: 'PreSync', deletePolicies: ['HookSucceeded'], namespace: 'app', live });
  t.deepEqual(hook.target?.metadata.finalizers, ['argocd.argoproj.io/hook-finalizer']);
  t.is(tasks[2]!.target?.metadata.namespace, 'app');
  t.deepEqual(show(planSyncTasks({ ...input, skipHooks: true })), ['Sync/0 prune Secret/old', 'Sync/0 ConfigMap/cfg']);
});
