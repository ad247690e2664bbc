import test from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { appendHistory } from '../../../src/reconciler/controller/history.ts';
import { autoSyncDecision, setConditions } from '../../../src/reconciler/controller/index.ts';
import { mergePatchFor } from '../../../src/reconciler/controller/merge-patch.ts';

const source = { repoURL: 'http://git/admin/apps.git', path: 'a' };
const SHA = 'a'.repeat(40);
const backoff = { initialMs: 2_000, factor: 3, capMs: 300_000, cooldownMs: 330_000 };
const NOW = Date.UTC(2026, 0, 1, 12);

function app(patch: { automated?: object; status?: Application['status']; operation?: object } = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'a', namespace: 'argocd' },
    spec: {
      project: 'default',
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      syncPolicy: { automated: { prune: false, selfHeal: true, ...patch.automated } },
    },
    ...(patch.status ? { status: patch.status } : {}),
    ...(patch.operation ? { operation: patch.operation } : {}),
  } as Application;
}

const outOfSync = [
  { group: 'apps', kind: 'Deployment', namespace: 'default', name: 'web', status: 'OutOfSync' as const },
];
const decide = (a: Application, resources = outOfSync, now = NOW) =>
  autoSyncDecision({ app: a, syncStatus: 'OutOfSync', resources, revisions: [SHA], multiSource: false, now, backoff });

const lastOp = (phase: 'Succeeded' | 'Failed', finishedAgoMs: number, attempts = 0): Application['status'] => ({
  operationState: {
    operation: { sync: { revision: SHA, selfHealAttemptsCount: attempts } as never },
    phase,
    message: phase === 'Failed' ? 'one or more objects failed to apply' : 'successfully synced',
    startedAt: new Date(NOW - finishedAgoMs - 1000).toISOString(),
    finishedAt: new Date(NOW - finishedAgoMs).toISOString(),
    syncResult: { revision: SHA, source },
  },
});

test('first automated sync: the whole app, retry limit 5, initiatedBy automated', (t) => {
  const d = decide(app());
  t.is(d.kind, 'sync');
  if (d.kind !== 'sync') return;
  t.deepEqual(d.operation, {
    sync: { revision: SHA, prune: false },
    initiatedBy: { automated: true },
    retry: { limit: 5 },
  });
  t.is(d.message, `Initiated automated sync to '${SHA}'`);
});

test('gates: disabled, Synced, operation in flight, deleting, prune-only', (t) => {
  t.is(decide(app({ automated: { enabled: false } })).kind, 'skip');
  t.is(
    autoSyncDecision({
      app: app(),
      syncStatus: 'Synced',
      resources: [],
      revisions: [SHA],
      multiSource: false,
      now: NOW,
      backoff,
    }).kind,
    'skip',
  );
  t.is(decide(app({ operation: { sync: {} } })).kind, 'skip');
  const deleting = app();
  deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  t.is(decide(deleting).kind, 'skip');
  const pruneOnly = decide(app(), [{ ...outOfSync[0]!, requiresPruning: true } as never]);
  t.like(pruneOnly, { kind: 'skip' });
  t.regex((pruneOnly as { reason: string }).reason, /need to prune extra resources only/);
});

test('same revision failed before: SyncError, no retry', (t) => {
  const d = decide(app({ status: lastOp('Failed', 1000) }));
  t.deepEqual(d, {
    kind: 'error',
    message: `Failed last sync attempt to ${SHA}: one or more objects failed to apply`,
  });
});

test('same revision succeeded: skip without selfHeal; with it, selective sync after 0, 2, 6 s back-off', (t) => {
  t.is(decide(app({ automated: { selfHeal: false }, status: lastOp('Succeeded', 0) })).kind, 'skip');
  const first = decide(app({ status: lastOp('Succeeded', 0, 0) }));
  t.like(first, { kind: 'sync' });
  if (first.kind === 'sync') {
    t.deepEqual(first.operation.sync?.resources, [
      { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'default' },
    ]);
    t.is(first.operation.sync?.selfHealAttemptsCount, 1);
  }
  t.like(decide(app({ status: lastOp('Succeeded', 500, 1) })), { kind: 'wait', afterMs: 1_500 });
  t.like(decide(app({ status: lastOp('Succeeded', 2_000, 1) })), { kind: 'sync' });
  t.like(decide(app({ status: lastOp('Succeeded', 1_000, 2) })), { kind: 'wait', afterMs: 5_000 });
  // After the cool-down the count starts again.
  t.like(decide(app({ status: lastOp('Succeeded', 400_000, 6) })), { kind: 'sync' });
});

test('allowEmpty guard: prune on, every resource would be pruned', (t) => {
  const d = decide(app({ automated: { prune: true, selfHeal: false } }), [
    { ...outOfSync[0]!, requiresPruning: true } as never,
  ]);
  t.deepEqual(d, { kind: 'error', message: `Skipping sync attempt to ${SHA}: auto-sync will wipe out all resources` });
  t.is(
    decide(app({ automated: { prune: true, allowEmpty: true } }), [
      { ...outOfSync[0]!, requiresPruning: true } as never,
    ]).kind,
    'sync',
  );
});

test('conditions: evaluated types replaced, transition time kept, others untouched', (t) => {
  const existing = [
    { type: 'ComparisonError' as const, message: 'x', lastTransitionTime: 'T0' },
    { type: 'SyncError' as const, message: 'y', lastTransitionTime: 'T0' },
  ];
  t.deepEqual(setConditions(existing, [{ type: 'ComparisonError', message: 'x' }], ['ComparisonError'], 'T1'), [
    existing[1],
    existing[0],
  ]);
  t.deepEqual(setConditions(existing, [], ['ComparisonError', 'SyncError'], 'T1'), []);
});

test('history: ids continue, trimmed to the limit', (t) => {
  let history = appendHistory(undefined, { revision: 'r0', deployedAt: 'T' }, 2);
  history = appendHistory(history, { revision: 'r1', deployedAt: 'T' }, 2);
  history = appendHistory(history, { revision: 'r2', deployedAt: 'T' }, 2);
  t.deepEqual(
    history.map((h) => [h.id, h.revision]),
    [
      [1, 'r1'],
      [2, 'r2'],
    ],
  );
});

test('merge patch: nulls for removed members, arrays whole, nothing when equal', (t) => {
  t.deepEqual(mergePatchFor({ a: 1, b: { c: 2, d: 3 }, e: [1] }, { a: 1, b: { c: 2 }, e: [1, 2] }), {
    b: { d: null },
    e: [1, 2],
  });
  t.is(mergePatchFor({ a: [1] }, { a: [1] }), undefined);
});
