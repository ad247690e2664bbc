import test from 'ava';
import { runRollback } from '../../../src/cli/commands/app/rollback.ts';
import { runSync } from '../../../src/cli/commands/app/sync.ts';
import { runWait } from '../../../src/cli/commands/app/wait.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import type { ClusterClient } from '../../../src/reconciler/cluster/index.ts';
import { guestbook, SHA, startCluster } from './helpers.ts';

const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' };

/** A stand-in controller: takes the operation, reports it finished with `phase`, then reconciles. */
function fakeController(client: ClusterClient, phase: 'Succeeded' | 'Failed') {
  const seen: NonNullable<Application['operation']>[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const app = await client.get<Application>(ref);
      if (app?.operation) {
        seen.push(app.operation);
        await client.mergePatch(ref, {
          operation: null,
          status: {
            operationState: {
              operation: app.operation,
              phase,
              message:
                phase === 'Succeeded' ? 'successfully synced (all tasks run)' : 'one or more objects failed to apply',
              startedAt: '2026-01-01T00:03:00Z',
              finishedAt: '2026-01-01T00:03:02Z',
              syncResult: {
                revision: SHA,
                resources: [
                  {
                    group: 'apps',
                    version: 'v1',
                    kind: 'Deployment',
                    namespace: 'default',
                    name: 'guestbook-ui',
                    status: phase === 'Succeeded' ? 'Synced' : 'SyncFailed',
                    message: 'deployment.apps/guestbook-ui configured',
                  },
                ],
              },
            },
            reconciledAt: '2026-01-01T00:03:03Z',
          },
        });
      }
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  return {
    seen,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

test("sync writes the operation, follows it and prints argocd's final blocks", async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  await client.create(guestbook());
  const controller = fakeController(client, 'Succeeded');
  t.teardown(controller.stop);
  t.is(await runSync(ctx, 'guestbook', { prune: true, timeoutSeconds: 10, output: 'wide' }), 0);
  t.deepEqual(controller.seen[0], {
    sync: { prune: true, dryRun: false, syncStrategy: { hook: {} } },
    initiatedBy: { username: 'admin' },
  });
  const text = stdout.text.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/gm, 'TS');
  t.true(
    text.startsWith(
      'TIMESTAMP                  GROUP        KIND   NAMESPACE                  NAME    STATUS   HEALTH        HOOK  MESSAGE\n',
    ),
    text,
  );
  t.true(
    text.includes(
      '\nOperation:          Sync\nSync Revision:      4f1c2a9e0b7d3c5e6f8a9b0c1d2e3f4a5b6c7d8e\nPhase:              Succeeded\n',
    ),
  );
  t.true(text.includes('Duration:           2s\nMessage:            successfully synced (all tasks run)\n'));
});

test("a failed sync exits 1 with argocd's message", async (t) => {
  const { client, ctx } = await startCluster(t);
  await client.create(guestbook());
  const controller = fakeController(client, 'Failed');
  t.teardown(controller.stop);
  const error = await t.throwsAsync(runSync(ctx, 'guestbook', { timeoutSeconds: 10, output: 'wide' }));
  t.is(error!.message, 'Operation has completed with phase: Failed');
  t.is((error as { exitCode?: number }).exitCode, 1);
});

test('rollback defaults to the previous entry and syncs to its revision and source', async (t) => {
  const { client, ctx } = await startCluster(t);
  await client.create(guestbook());
  const controller = fakeController(client, 'Succeeded');
  t.teardown(controller.stop);
  t.is(await runRollback(ctx, 'guestbook', { timeoutSeconds: 10, output: 'wide' }), 0);
  const sync = controller.seen[0]!.sync as Record<string, unknown>;
  t.is(sync['revision'], '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567');
  t.deepEqual(sync['source'], guestbook().status!.history![0]!.source);
  t.deepEqual(sync['syncStrategy'], { apply: {} });
});

test('rollback is refused with auto-sync on, and with fewer than two deployments', async (t) => {
  const { client, ctx } = await startCluster(t);
  const app = guestbook();
  app.spec.syncPolicy = { automated: { selfHeal: true } };
  await client.create(app);
  const refused = await t.throwsAsync(runRollback(ctx, 'guestbook', { timeoutSeconds: 1, output: 'wide' }));
  t.regex(refused!.message, /^rollback cannot be initiated when auto-sync is enabled/);
  await client.mergePatch(ref, { spec: { syncPolicy: null }, status: { history: [guestbook().status!.history![0]] } });
  const short = await t.throwsAsync(runRollback(ctx, 'guestbook', { timeoutSeconds: 1, output: 'wide' }));
  t.regex(short!.message, /^Application 'guestbook' should have at least two successful deployments/);
});

test("wait times out with argocd's messages when the app stays OutOfSync", async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  const app = guestbook();
  app.status!.sync!.status = 'OutOfSync';
  await client.create(app);
  const error = await t.throwsAsync(runWait(ctx, ['guestbook'], { timeoutSeconds: 1, output: 'wide' }));
  t.is(error!.message, 'timed out (1s) waiting for app "guestbook" match desired state');
  t.true(stdout.text.includes('\nThis is the state of the app after `wait` timed out:\n'));
  t.true(stdout.text.endsWith('\nThe command timed out waiting for the conditions to be met.\n'));
});

test('wait returns at once for a synced, healthy, idle app', async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  await client.create(guestbook());
  t.is(await runWait(ctx, ['guestbook'], { timeoutSeconds: 5, output: 'wide' }), 0);
  t.true(stdout.text.startsWith('\nName:               argocd/guestbook\n'));
});
