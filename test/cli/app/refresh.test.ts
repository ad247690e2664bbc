import test from 'ava';
import { runGet } from '../../../src/cli/commands/app/get.ts';
import { runRefresh } from '../../../src/cli/commands/app/refresh.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { guestbook, startCluster } from './helpers.ts';

const REFRESH = 'argocd.argoproj.io/refresh';

/**
 * A stand-in reconciler that answers a refresh the way the real one does — one write that removes the annotation and
 * sets reconciledAt — but within the same second as the reconcile before, so reconciledAt (second precision) does
 * not move. Argo CD's API server waits for the annotation to go (server/application.go `Get` with refresh).
 */
function sameSecondReconciler(client: Awaited<ReturnType<typeof startCluster>>['client']) {
  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name: 'guestbook' };
  let stopped = false;
  let refreshes = 0;
  const loop = (async () => {
    while (!stopped) {
      const app = await client.get<Application>(ref);
      if (app?.metadata.annotations?.[REFRESH]) {
        await client.mergePatch(ref, {
          metadata: { annotations: { [REFRESH]: null } },
          status: { reconciledAt: app.status?.reconciledAt, observedAt: app.status?.reconciledAt },
        });
        refreshes++;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    get refreshes() {
      return refreshes;
    },
    stop: () => {
      stopped = true;
      return loop;
    },
  };
}

test('app refresh returns once the reconciler took the refresh, even within the same second', async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  await client.create(guestbook());
  const reconciler = sameSecondReconciler(client);
  t.teardown(() => reconciler.stop());
  t.is(await runRefresh(ctx, 'guestbook', { timeoutSeconds: 5 }), 0);
  t.is(stdout.text, "application 'guestbook' refreshed\n");
  t.is(await runGet(ctx, 'guestbook', { output: 'json', refresh: true, refreshTimeoutSeconds: 5 }), 0);
  t.is(reconciler.refreshes, 2);
});

test('app refresh times out naming the annotation when no reconciler answers', async (t) => {
  const { client, ctx } = await startCluster(t);
  await client.create(guestbook());
  const error = await t.throwsAsync(runRefresh(ctx, 'guestbook', { timeoutSeconds: 1 }));
  t.regex(error.message, /was not refreshed within 1s: .*argocd\.argoproj\.io\/refresh/);
});
