import test, { type ExecutionContext } from 'ava';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { configMap, startWorld } from './helpers.ts';

type OperationState = NonNullable<NonNullable<Application['status']>['operationState']>;
const op = (a: Application): Partial<OperationState> => a.status?.operationState ?? {};
const done = (a: Application) => !a.operation && ['Succeeded', 'Failed', 'Error'].includes(op(a).phase ?? '');

/** A ConfigMap in a namespace of its own, which does not exist until the test creates it. */
const inNamespace = (name: string, namespace: string) =>
  `${configMap(name).replace('metadata:\n', `metadata:\n  namespace: ${namespace}\n`)}`;

/** Go's time.Kitchen in UTC, as the retry message prints it. */
function kitchen(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`;
}

interface RetryLog {
  /** When the line was written: just after the failed attempt's status write. */
  loggedAt: number;
  delayMs: number;
  retryAt: number;
}

/** The controller's 'sync failed; retrying' log lines. */
function retryLogs(logs: Record<string, unknown>[], app: string): RetryLog[] {
  return logs
    .filter((l) => l['msg'] === 'sync failed; retrying' && l['application'] === app)
    .map((l) => ({
      loggedAt: Date.parse(String(l['time'])),
      delayMs: Number(l['delayMs']),
      retryAt: Number(l['retryAt']),
    }));
}

/** The back-offs, checking on the way that no attempt ran before the retry before it was due. */
function backoffs(t: ExecutionContext, attempts: RetryLog[]): number[] {
  for (let i = 1; i < attempts.length; i++) {
    t.true(
      attempts[i]!.loggedAt >= Math.floor(attempts[i - 1]!.retryAt),
      `attempt ${i + 1} ran before its retry was due`,
    );
    t.true(attempts[i]!.retryAt > attempts[i - 1]!.retryAt + attempts[i]!.delayMs - 1);
  }
  for (const a of attempts) t.true(a.retryAt - a.loggedAt <= a.delayMs && a.retryAt - a.loggedAt > a.delayMs - 2_000);
  return attempts.map((a) => a.delayMs);
}

test.serial('a failed sync is retried with back-off 5 s, 10 s … and succeeds once the cause is gone', async (t) => {
  const world = await startWorld(t, { speed: 10 });
  await world.push({ 'later/cm.yaml': inNamespace('later-cm', 'later') });
  await world.createApp('later', {
    source: { repoURL: world.repoURL, path: 'later' },
    syncPolicy: { automated: {}, retry: { limit: 4, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } },
  });
  const second = await world.waitApp('later', (a) => op(a).retryCount === 2);
  t.is(op(second).phase, 'Running');
  t.regex(
    op(second).message ?? '',
    /^one or more objects failed to apply \(dry run\)\. Retrying attempt #2 at \d{1,2}:\d{2}[AP]M\.$/,
  );
  const attempts = retryLogs(world.logs, 'later');
  t.is(attempts.length, 2);
  // Each retry is due `retryDelay` after its failure: 5 s, then 10 s (simulated).
  t.deepEqual(backoffs(t, attempts), [5_000, 10_000]);
  // …and the second attempt ran no earlier than the first retry was due.
  t.true(op(second).message!.endsWith(`Retrying attempt #2 at ${kitchen(attempts[1]!.retryAt)}.`));
  t.truthy(op(second).startedAt);

  await world.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'later' } });
  const final = await world.waitApp('later', done);
  t.is(op(final).phase, 'Succeeded', op(final).message);
  t.is(op(final).retryCount, 2);
  t.truthy(op(final).finishedAt);
  t.is(final.status?.history?.length, 1);
  t.truthy(await world.client.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'later', name: 'later-cm' }));
  await world.waitApp('later', (a) => a.status?.sync?.status === 'Synced');
});

test.serial('a sync that keeps failing stops at the retry limit: Failed "(retried N times)."', async (t) => {
  const world = await startWorld(t, { speed: 20 });
  await world.push({ 'never/cm.yaml': inNamespace('never-cm', 'nowhere') });
  await world.createApp('never', {
    source: { repoURL: world.repoURL, path: 'never' },
    syncPolicy: { automated: {}, retry: { limit: 2, backoff: { duration: '5s', factor: 2 } } },
  });
  const final = await world.waitApp('never', done);
  t.is(op(final).phase, 'Failed');
  t.is(op(final).retryCount, 2);
  t.regex(op(final).message ?? '', /^one or more objects failed to apply \(dry run\) \(retried 2 times\)\.$/);
  t.deepEqual(backoffs(t, retryLogs(world.logs, 'never')), [5_000, 10_000]);
  // The failed revision is not retried again by auto-sync: a SyncError condition instead.
  const after = await world.waitApp('never', (a) => (a.status?.conditions ?? []).some((c) => c.type === 'SyncError'));
  t.regex(after.status!.conditions!.find((c) => c.type === 'SyncError')!.message, /^Failed last sync attempt to/);
  t.false(after.operation !== undefined && after.operation !== null);
});

test.serial('automated syncs retry 5 times by default (no syncPolicy.retry)', async (t) => {
  const world = await startWorld(t, { speed: 30 });
  await world.push({ 'dflt/cm.yaml': inNamespace('dflt-cm', 'nowhere') });
  await world.createApp('dflt', { source: { repoURL: world.repoURL, path: 'dflt' }, syncPolicy: { automated: {} } });
  const final = await world.waitApp('dflt', done, 90_000);
  t.is(op(final).phase, 'Failed');
  t.is(op(final).retryCount, 5);
  t.deepEqual(op(final).operation?.retry, { limit: 5 });
  t.deepEqual(backoffs(t, retryLogs(world.logs, 'dflt')), [5_000, 10_000, 20_000, 40_000, 80_000]);
});

test.serial('ApplyOutOfSyncOnly=true: a push changing one resource applies only that one', async (t) => {
  const world = await startWorld(t, { speed: 10 });
  await world.push({ 'oos/a.yaml': configMap('oos-a', '1'), 'oos/b.yaml': configMap('oos-b', '1') });
  await world.createApp('oos', {
    source: { repoURL: world.repoURL, path: 'oos' },
    syncPolicy: { automated: {}, syncOptions: ['ApplyOutOfSyncOnly=true'] },
  });
  const first = await world.waitApp('oos', (a) => done(a) && a.status?.sync?.status === 'Synced');
  t.deepEqual(
    op(first)
      .syncResult?.resources?.map((r) => r.name)
      .sort(),
    ['oos-a', 'oos-b'],
  );
  const ref = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'oos-a' };
  const before = await world.client.get(ref);

  const v2 = await world.push({ 'oos/b.yaml': configMap('oos-b', '2') });
  world.controller.refresh('oos');
  const second = await world.waitApp(
    'oos',
    (a) => done(a) && op(a).syncResult?.revision === v2 && a.status?.sync?.status === 'Synced',
  );
  t.is(op(second).phase, 'Succeeded');
  t.deepEqual(
    op(second).syncResult?.resources?.map((r) => r.name),
    ['oos-b'],
  );
  const after = await world.client.get(ref);
  t.is(after?.metadata.resourceVersion, before?.metadata.resourceVersion);
  t.deepEqual(after?.metadata.managedFields, before?.metadata.managedFields);
});
